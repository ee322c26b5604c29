"""LocalBotApi: Telegram's Bot API over real HTTP on 127.0.0.1, plus the handles tests use.

PTB talks to it through `base_url`/`base_file_url` and cannot tell it from Telegram; tests and
the console create people and chats, act in them, and read what the bot did.
"""

import asyncio
import inspect
import json
import logging
import time
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from dataclasses import replace
from types import TracebackType
from typing import Protocol, Unpack

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

from bot.telegram_local.chat import LocalChat
from bot.telegram_local.errors import ApiError, bad_request
from bot.telegram_local.flood import FloodControl, FloodLimits
from bot.telegram_local.methods import METHODS, method_name
from bot.telegram_local.methods.params import Params
from bot.telegram_local.models import (
    CallbackAnswer,
    LocalCallbackQuery,
    LocalUser,
    RecordedCall,
    UserDetails,
    describe_calls,
)
from bot.telegram_local.wire import BadPayloadError, JSONDict, decode_params, read_params
from bot.telegram_local.world import World

log = logging.getLogger(__name__)


class CallChecker(Protocol):
    """Judges each call the bot makes against Telegram's rules; the tests' spec checker is one.
    The console runs without one."""

    def method_name(self, name: str) -> str | None: ...

    def decode(self, method: str, raw: Mapping[str, object]) -> dict[str, object]: ...

    def check(self, method: str, params: Mapping[str, object]) -> list[str]: ...


BOT_ID = 123456
_NOT_FOUND: JSONDict = {"ok": False, "error_code": 404, "description": "Not Found"}


class LocalBotApi:
    def __init__(
        self,
        *,
        bot_username: str = "KneeCoachBot",
        checker: CallChecker | None = None,
        flood_limits: FloodLimits | None = None,
        group_privacy: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`flood_limits` turns on 429s; `clock` is what they measure time with, and what each
        recorded call's time is read from."""
        bot = LocalUser(BOT_ID, bot_username, username=bot_username, is_bot=True)
        self._world = World(bot=bot, group_privacy=group_privacy)
        self.checker = checker
        self.flood_errors = 0
        self.paid_broadcasts = 0  # messages sent with allow_paid_broadcast: 0.1 Stars each
        self._flood = FloodControl(flood_limits, clock) if flood_limits else None
        self._clock = clock
        self._faults: defaultdict[str, deque[ApiError]] = defaultdict(deque)
        self._server: HTTPServer | None = None
        self._in_flight = 0  # calls being answered, e.g. open long polls
        self._port: int | None = None

    # The server.

    async def start(self) -> None:
        app = Application(
            [
                (r"/bot([^/]+)/([A-Za-z0-9_]+)/?", _MethodHandler, {"api": self}),
                (r"/file/bot([^/]+)/(.+)", _FileHandler, {"api": self}),
            ],
            default_handler_class=_NotFoundHandler,
            log_function=_no_access_log,
        )
        sockets = bind_sockets(0, "127.0.0.1")
        self._server = HTTPServer(app)
        self._server.add_sockets(sockets)
        self._port = int(sockets[0].getsockname()[1])

    async def stop(self) -> None:
        await self._world.updates.close()  # open long polls now answer
        await self._world.changes.wait_for(lambda: self._in_flight == 0, 1.0)
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None

    async def __aenter__(self) -> "LocalBotApi":
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the local Bot API is not started: await api.start() first")
        return self._port

    @property
    def token(self) -> str:
        return f"{BOT_ID}:LOCAL-TEST-TOKEN"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def bot_user(self) -> LocalUser:
        return self._world.bot

    # What happened.

    @property
    def calls(self) -> list[RecordedCall]:
        return self._world.calls

    @property
    def violations(self) -> list[str]:
        """Spec violations found in the bot's calls (needs a checker), and server crashes."""
        return self._world.violations

    @property
    def long_polling(self) -> bool:
        """The bot is waiting in getUpdates, so it has taken in everything it fetched."""
        return self._world.updates.long_polling

    @property
    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot."""
        return self._world.updates.pending_count

    @property
    def callback_queries(self) -> dict[str, LocalCallbackQuery]:
        return self._world.callback_queries

    @property
    def callback_answers(self) -> dict[str, CallbackAnswer]:
        """answerCallbackQuery calls by callback query id."""
        return self._world.callback_answers

    @property
    def unanswered_callbacks(self) -> list[LocalCallbackQuery]:
        answered = self._world.callback_answers
        return [q for q in self._world.callback_queries.values() if q.id not in answered]

    # People and chats.

    def user(self, first_name: str, **details: Unpack[UserDetails]) -> LocalUser:
        return self._world.new_user(first_name, **details)

    def private_chat(self, user: LocalUser) -> LocalChat:
        return self._world.private_chat(user)

    def group(self, title: str, *, supergroup: bool = False, forum: bool = False) -> LocalChat:
        return self._world.new_group(title, supergroup=supergroup, forum=forum)

    def chat(self, chat_id: int) -> LocalChat:
        chat = self._world.find_chat(chat_id)
        if chat is None:
            raise LookupError(f"no local chat {chat_id}")
        return chat

    # Waiting and steering.

    async def wait_until(
        self,
        predicate: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109 - reads well in tests
    ) -> None:
        """Returns once predicate() holds (re-checked after every call), else TimeoutError."""
        if not await self._world.changes.wait_for(predicate, timeout):
            raise TimeoutError(
                f"still false after {timeout}s: {_describe(predicate)}; "
                f"last calls: {describe_calls(self.calls)}"
            )

    async def wait_consumed(
        self,
        update_id: int,
        timeout: float = 5.0,  # noqa: ASYNC109 - reads well in tests
    ) -> None:
        """Returns once the bot has fetched and confirmed the update."""
        updates = self._world.updates
        if not await self._world.changes.wait_for(lambda: updates.is_confirmed(update_id), timeout):
            raise TimeoutError(
                f"the bot did not confirm update {update_id} within {timeout}s "
                f"({updates.pending_count} pending); last calls: {describe_calls(self.calls)}"
            )

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str,
        parameters: JSONDict | None = None,
    ) -> None:
        """The next call of `method` fails with this error instead of running."""
        self._faults[method.lower()].append(ApiError(error_code, description, parameters))

    # Serving one call.

    async def handle_call(
        self, token: str, method: str, raw: dict[str, object]
    ) -> tuple[int, JSONDict]:
        """(HTTP status, JSON body) for one Bot API call, recorded and checked."""
        self._in_flight += 1
        try:
            call, status, body = await self._answer(token, method, raw)
            self.calls.append(replace(call, at=self._clock()))
            return status, body
        finally:
            # Waiters re-check after every call, also one whose client hung up mid long poll.
            self._in_flight -= 1
            await self._world.changes.notify()

    async def _answer(
        self, token: str, method: str, raw: dict[str, object]
    ) -> tuple[RecordedCall, int, JSONDict]:
        implemented = method_name(method)
        spec_name = self.checker.method_name(method) if self.checker else None
        name = implemented or spec_name or method
        if self.checker is not None:
            params = self.checker.decode(name, raw)
        else:
            params = decode_params(raw, lambda _: None)
        try:
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            if self.checker is not None:
                self.violations.extend(self.checker.check(name, params))
            result = await self._run(name, implemented is not None, spec_name is not None, raw)
        except ApiError as error:
            call = RecordedCall(
                name, params, ok=False, error_code=error.error_code, error=error.description
            )
            status, body = error.error_code, error.payload()
        except Exception as exc:  # a bug here must not look like Telegram's answer
            log.exception("the local Bot API failed on %s", name)
            self.violations.append(f"{name}: the local Bot API crashed: {exc!r}")
            call = RecordedCall(name, params, ok=False, error_code=500, error=repr(exc))
            status, body = (
                500,
                {"ok": False, "error_code": 500, "description": "Internal Server Error"},
            )
        else:
            call = RecordedCall(name, params, ok=True, result=result)
            status, body = 200, {"ok": True, "result": result}
        return call, status, body

    async def _run(
        self, name: str, implemented: bool, in_spec: bool, raw: dict[str, object]
    ) -> object:
        faults = self._faults[name.lower()]
        if faults:
            raise faults.popleft()
        if not implemented:
            if in_spec:
                raise bad_request(f"{name} is not implemented by the local Bot API")
            raise ApiError(404, "Not Found")
        paid = Params(raw).flag("allow_paid_broadcast")
        if self._flood is not None and name.startswith("send") and name != "sendChatAction":
            retry_after = self._flood.admit(_chat_key(raw.get("chat_id")), paid)
            if retry_after is not None:
                self.flood_errors += 1
                raise ApiError(
                    429,
                    f"Too Many Requests: retry after {retry_after}",
                    {"retry_after": retry_after},
                )
        answer = await METHODS[name](self._world, Params(raw))
        self.paid_broadcasts += paid
        return answer

    def file_data(self, token: str, path: str) -> bytes | None:
        stored = self._world.file_by_path(path) if token == self.token else None
        return stored.data if stored else None


def _chat_key(chat_id: object) -> int | str | None:
    if isinstance(chat_id, str):
        try:
            return int(chat_id)
        except ValueError:
            return chat_id
    return chat_id if isinstance(chat_id, int) else None


def _describe(predicate: Callable[[], bool]) -> str:
    try:
        return inspect.getsource(predicate).strip()
    except (OSError, TypeError):
        return getattr(predicate, "__qualname__", repr(predicate))


def _no_access_log(handler: RequestHandler) -> None:
    """Request URLs carry the token, and the console must stay readable."""


class _JsonHandler(RequestHandler):
    def reply(self, status: int, body: JSONDict) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


class _MethodHandler(_JsonHandler):
    def initialize(self, api: LocalBotApi) -> None:
        self._api = api
        self._call: asyncio.Future[tuple[int, JSONDict]] | None = None

    async def get(self, token: str, method: str) -> None:
        await self._serve(token, method)

    async def post(self, token: str, method: str) -> None:
        await self._serve(token, method)

    async def _serve(self, token: str, method: str) -> None:
        try:
            raw = read_params(self.request)
        except BadPayloadError as exc:
            self.reply(400, bad_request(str(exc)).payload())
            return
        self._call = asyncio.ensure_future(self._api.handle_call(token, method, raw))
        try:
            status, body = await self._call
        except asyncio.CancelledError:
            return  # the client hung up, e.g. PTB stopping while a long poll was open
        self.reply(status, body)

    def on_connection_close(self) -> None:
        if self._call is not None:
            self._call.cancel()


class _FileHandler(_JsonHandler):
    def initialize(self, api: LocalBotApi) -> None:
        self._api = api

    def get(self, token: str, path: str) -> None:
        data = self._api.file_data(token, path)
        if data is None:
            self.reply(404, _NOT_FOUND)
            return
        self.set_header("Content-Type", "application/octet-stream")
        self.finish(data)


class _NotFoundHandler(_JsonHandler):
    def prepare(self) -> None:
        self.reply(404, _NOT_FOUND)
