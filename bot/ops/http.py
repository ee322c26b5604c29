"""The bot's HTTP side on one tornado server: /healthz, /metrics, and in webhook mode the webhook
that Telegram posts updates to (PTB's own webhook server has no room for other routes)."""

import json
import logging
import re
from dataclasses import dataclass
from hmac import compare_digest

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from telegram import Update
from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler

from bot.ops.health import HealthCheck
from bot.services import BotApplication

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header's name


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


class _Updates(RequestHandler):
    def initialize(self, bot_application: BotApplication, secret: str) -> None:
        self._application, self._secret = bot_application, secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not compare_digest(given.encode(), self._secret.encode()):
            self.set_status(403)
            return
        try:
            update = Update.de_json(json.loads(self.request.body), self._application.bot)
        except (ValueError, TypeError, KeyError):
            log.warning("webhook: a request that is not an update was refused")
            self.set_status(400)
            return
        await self._application.update_queue.put(update)


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
                    {"bot_application": application, "secret": webhook.secret},
                )
            )
        self._app = Application(routes)
        self._server: HTTPServer | None = None

    def listen(self, port: int, address: str) -> None:
        self._server = self._app.listen(port, address, xheaders=True)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None
