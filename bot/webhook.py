"""The webhook receiver: Telegram posts each update here, and it goes on the Application's update
queue (PTB's documented way to serve a webhook of one's own).

PTB's own server reads a whole body (up to 100 MiB) before it checks the secret. This one refuses
before it reads: a wrong or missing secret gets 403 from the headers alone (compared in constant
time), a body over 1 MiB gets 413, and a body that is not an update gets 400. Nothing a request
carries reaches a log line: an update holds what people wrote.
"""

import asyncio
import hmac
import json
import logging

from telegram import Bot, Update
from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler, stream_request_body

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
MAX_BODY_BYTES = 1024 * 1024  # a real update is a few KiB; Telegram's largest fit easily

log = logging.getLogger(__name__)


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


def start_receiver(
    bot: Bot, queue: "asyncio.Queue[object]", *, path: str, secret: str, listen: str, port: int
) -> HTTPServer:
    """Listens at once; the caller stops the returned server."""
    app = Application(
        [(path, _Updates, {"bot": bot, "queue": queue, "secret": secret.encode()})],
        log_function=_no_access_log,
    )
    server = HTTPServer(app, xheaders=True)
    server.listen(port, address=listen)
    return server
