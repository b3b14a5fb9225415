"""Production gunicorn settings, every value from the environment.

gunicorn -c deploy/gunicorn.conf.py veltutor.wsgi
"""

import multiprocessing
import os
import shutil

wsgi_app = "veltutor.wsgi:application"

bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
# Threads overlap the database round trips a page spends most of its time waiting on, and
# (unlike sync workers) honour keep-alive.
workers = int(os.environ.get("WEB_CONCURRENCY") or (multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
worker_class = "gthread"
timeout = 30
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so a slow leak can't grow forever; the jitter keeps them
# from all restarting at once.
max_requests = 2000
max_requests_jitter = 200

accesslog = "-"
# %(D)s is the request time in microseconds.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sus "%(f)s" "%(a)s"'
errorlog = "-"

# Import Django once in the master, then fork: faster boots, shared memory pages.
preload_app = True

# The proxies whose X-Forwarded-* headers are believed (SECURE_PROXY_SSL_HEADER relies on it).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


# Prometheus counters live per worker process: multiprocess mode aggregates them for /metrics.
# The directory must exist, empty, before the app (and prometheus_client) is imported, which
# preload_app does right after reading this file.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", f"/tmp/veltutor-metrics-{bind.replace(':', '-')}")
shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)


def child_exit(server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
