"""The bot's HTTP side on one tornado server: /healthz, /metrics, and in webhook mode the webhook
that Telegram posts updates to, on the Application's update queue (PTB's documented way to serve a
webhook of one's own).

PTB's own webhook server has no room for other routes, and it reads a whole body (up to 100 MiB)
before it checks the secret. This one refuses before it reads: a wrong or missing secret gets 403
from the headers alone (compared in constant time), a body over 1 MiB gets 413, and a body that is
not an update gets 400. Nothing a request carries reaches a log line: an update holds what people
wrote.
"""

import asyncio
import hmac
import json
import logging
import re
from dataclasses import dataclass

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from telegram import Bot, Update
from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler, stream_request_body

from bot.ops.health import HealthCheck
from bot.services import BotApplication

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header's name
MAX_BODY_BYTES = 1024 * 1024  # a real update is a few KiB; Telegram's largest fit easily


@dataclass(frozen=True)
class Webhook:
    path: str  # the URL path Telegram posts to, e.g. "/telegram"
    secret: str  # Telegram sends it in SECRET_HEADER with every update


class _Health(RequestHandler):
    def initialize(self, check: HealthCheck) -> None:
        self._check = check

    async def get(self) -> None:
        report = await self._check.check()
        self.set_status(200 if report.ok else 503)
        self.write(report.as_json())


class _Metrics(RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.write(generate_latest(REGISTRY))


@stream_request_body
class _Updates(RequestHandler):
    def initialize(self, bot: Bot, queue: "asyncio.Queue[object]", secret: bytes) -> None:
        self._bot, self._queue, self._secret = bot, queue, secret
        self._body = bytearray()
        self._refused = False

    def prepare(self) -> None:
        """Runs on the headers alone; finishing here closes the connection unread."""
        given = self.request.headers.get(SECRET_HEADER, "").encode()
        length = self.request.headers.get("Content-Length", "0")
        if self.request.method != "POST":
            self._refuse(405)
        elif not hmac.compare_digest(given, self._secret):
            self._refuse(403)
        elif not length.isdecimal() or int(length) > MAX_BODY_BYTES:
            self._refuse(413)

    def data_received(self, chunk: bytes) -> None:
        # A chunked body has no Content-Length to refuse up front.
        if len(self._body) + len(chunk) > MAX_BODY_BYTES:
            self._refuse(413)
            return
        self._body += chunk

    async def post(self) -> None:
        if self._refused:
            return
        try:
            data = json.loads(self._body)
            update = Update.de_json(data, self._bot) if isinstance(data, dict) else None
        except (ValueError, TypeError, KeyError, AttributeError):
            update = None
        if update is None:
            # Only the size: the content may be a real update PTB cannot read, with texts in it.
            log.warning("refused a webhook post that is not an update (%d bytes)", len(self._body))
            self._refuse(400)
            return
        await self._queue.put(update)
        self.finish()

    def _refuse(self, status: int) -> None:
        if not self._refused:
            self._refused = True
            self.set_status(status)
            self.finish()


def _no_access_log(_handler: RequestHandler) -> None:
    """Tornado's access log names the path, which may hold a secret of the deployer's choosing."""


class OpsServer:
    """/healthz and /metrics, and the webhook when given one."""

    def __init__(
        self, check: HealthCheck, webhook: Webhook | None, application: BotApplication
    ) -> None:
        routes: list[tuple[str, type[RequestHandler], dict[str, object]]] = [
            ("/healthz", _Health, {"check": check}),
            ("/metrics", _Metrics, {}),
        ]
        if webhook is not None:
            routes.append(
                # A route is a pattern: the path is matched as written.
                (
                    re.escape(webhook.path),
                    _Updates,
                    {
                        "bot": application.bot,
                        "queue": application.update_queue,
                        "secret": webhook.secret.encode(),
                    },
                )
            )
        self._app = Application(routes, log_function=_no_access_log)
        self._server: HTTPServer | None = None

    def listen(self, port: int, address: str) -> None:
        self._server = self._app.listen(port, address, xheaders=True)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None
