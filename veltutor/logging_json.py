"""One JSON object per log line, for production log shipping (stdlib only)."""

import json
import logging
from datetime import UTC, datetime

# The attributes every LogRecord has; anything else on a record came from `extra={...}`.
_RESERVED = frozenset(
    vars(logging.LogRecord("", logging.INFO, "", 0, "", (), None)).keys()
    | {"message", "asctime", "taskName"}
)


class JsonFormatter(logging.Formatter):
    """time (ISO 8601, UTC), level, logger, message, every extra field, and exc_info/stack."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RESERVED and not key.startswith("_") and key not in entry:
                entry[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc_info"] = record.exc_text
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=_fallback, ensure_ascii=False)


def _fallback(value: object) -> str:
    try:
        return str(value)
    except Exception:
        return f"<unprintable {type(value).__name__}>"
