"""Getting reminders out: the planner turns due reminder rows into outbox rows, the dispatcher
sends the outbox through one rate limiter; one JobQueue tick runs both."""
