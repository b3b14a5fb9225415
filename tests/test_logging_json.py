import io
import json
import logging

from tests.test_settings import PRODUCTION, run_python
from veltutor.logging_json import JsonFormatter


def emit(log) -> dict:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("tests.logging_json")
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    try:
        log(logger)
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_a_record_is_one_json_object_with_its_extra_fields():
    entry = emit(
        lambda log: log.warning(
            "grant %s refused", "g1", extra={"user_id": 7, "loop": "buddy_challenge"}
        )
    )

    assert entry["level"] == "WARNING"
    assert entry["logger"] == "tests.logging_json"
    assert entry["message"] == "grant g1 refused"
    assert entry["user_id"] == 7 and entry["loop"] == "buddy_challenge"
    assert entry["time"].endswith("+00:00")
    assert "exc_info" not in entry


def test_an_exception_is_included():
    def log(logger):
        try:
            raise ValueError("bad score")
        except ValueError:
            logger.exception("scoring_failed", extra={"session": object()})

    entry = emit(log)

    assert entry["level"] == "ERROR"
    assert "ValueError: bad score" in entry["exc_info"]
    assert "Traceback" in entry["exc_info"]
    assert entry["session"].startswith("<object object")


def test_a_multiline_message_stays_on_one_line():
    entry = emit(lambda log: log.info("line one\nline two"))

    assert entry["message"] == "line one\nline two"


FORMATTER = (
    "import django; django.setup(); import logging; "
    "print(type(logging.getLogger().handlers[0].formatter).__name__)"
)


def test_production_logs_json():
    result = run_python(FORMATTER, PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "JsonFormatter"


def test_log_format_plain_overrides_production():
    result = run_python(FORMATTER, {**PRODUCTION, "LOG_FORMAT": "plain"})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Formatter"


def test_local_development_logs_plain_unless_asked():
    assert run_python(FORMATTER, {}).stdout.strip() == "Formatter"
    assert run_python(FORMATTER, {"LOG_FORMAT": "json"}).stdout.strip() == "JsonFormatter"
