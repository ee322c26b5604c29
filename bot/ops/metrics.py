"""The bot's Prometheus metrics, in the default registry (with the client's process metrics).

Labels are kinds and outcomes, never a chat, a user or a text."""

from prometheus_client import Counter, Gauge, Histogram

UPDATE_SECONDS = Histogram(
    "kneecoach_update_seconds",
    "Updates handled (the count) and how long each took, by update type",
    ["type"],
)
SENDS = Counter(
    "kneecoach_sends_total",
    "Scheduled messages by kind and outcome (sent, pending: retried, failed, dropped, uncertain)",
    ["kind", "outcome"],
)
FLOOD_WAITS = Counter("kneecoach_telegram_429_total", "429 answers (flood control) from Telegram")
DROPPED_LATE = Counter(
    "kneecoach_dropped_late_total",
    "Reminders dropped because they would have arrived after their deadline, by kind",
    ["kind"],
)
OUTBOX_PENDING = Gauge("kneecoach_outbox_pending", "Deliveries waiting to be sent")
OUTBOX_OLDEST_SECONDS = Gauge(
    "kneecoach_outbox_oldest_pending_seconds",
    "How long the oldest pending delivery has been due (0 when none is)",
)
TICK_SECONDS = Histogram(
    "kneecoach_tick_seconds",
    "Scheduler ticks (plan, then send) and how long each took",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 600),
)
LAST_TICK = Gauge("kneecoach_last_tick_timestamp_seconds", "When the last scheduler tick ended")
BUSIEST_MINUTE = Gauge(
    "kneecoach_busiest_minute_reminders", "Reminders due in the busiest minute of the next 7 days"
)
BUSIEST_MINUTE_SECONDS = Gauge(
    "kneecoach_busiest_minute_send_seconds", "Seconds the busiest minute needs at SEND_RATE"
)
FORECAST_LATE = Gauge(
    "kneecoach_forecast_late_reminders",
    "Reminders of the next 7 days that would miss their deadline at SEND_RATE",
)
