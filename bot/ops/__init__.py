"""Operating the bot: its Prometheus metrics, /healthz, the HTTP server that serves them (and the
webhook), and the capacity forecast of the coming week's crowds."""
