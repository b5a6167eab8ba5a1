"""What every ByteMentor REST handler shares: shared state, JSON replies and errors."""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Awaitable, Callable
from typing import Any

from jupyter_server.base.handlers import APIHandler
from tornado import web

from .catalog import ID_PATTERN, Catalog, Lab, is_valid_id
from .ledger import PredictionLedger


class ReplyError(Exception):
    """An error to send to the client as ``{"message": ...}`` with ``status``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def json_errors(action: str) -> Callable[[Callable[..., Awaitable[None]]], Any]:
    """Turn ReplyError into its JSON reply, and any other exception into a logged 500.

    ``action`` completes "ByteMentor could not ..." in the learner's message.
    """

    def decorate(method: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
        @functools.wraps(method)
        async def wrapper(self: BytementorHandler, *args: str) -> None:
            request = self.request
            try:
                await method(self, *args)
            except ReplyError as error:
                self.log.warning(
                    "ByteMentor: %s %s: %s", request.method, request.path, error.message
                )
                self.send_json({"message": error.message}, error.status)
            except web.HTTPError:
                raise
            except Exception:
                self.log.exception("ByteMentor: %s %s failed", request.method, request.path)
                message = f"ByteMentor could not {action}: see the server log."
                self.send_json({"message": message}, 500)

        return wrapper

    return decorate


class BytementorHandler(APIHandler):
    """Shared set-up and replies; authorisation as for the contents API."""

    auth_resource = "contents"

    def initialize(
        self,
        catalog: Catalog,
        workspace_dir: str,
        open_lock: asyncio.Lock,
        checksum_key: bytes,
        ledger: PredictionLedger,
    ) -> None:
        """Receive the extension's shared state (passed by ``BytementorApp``)."""
        self.catalog = catalog
        self.workspace_dir = workspace_dir
        self.open_lock = open_lock
        self.checksum_key = checksum_key
        self.ledger = ledger

    def json_body(self) -> dict[str, Any]:
        """The request's JSON object body; ReplyError 400 when it is not one."""
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            raise ReplyError(400, "The request body is not JSON.") from None
        if not isinstance(body, dict):
            raise ReplyError(400, "The request body must be a JSON object.")
        return body

    def send_json(self, body: dict[str, Any], status: int = 200) -> None:
        """Finish the request with ``body`` as JSON."""
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))

    def find_lab(self, lab_id: str) -> Lab:
        """Return the lab ``lab_id``; raise ReplyError 400 for a bad id, 404 for an unknown one."""
        if not is_valid_id(lab_id):
            raise ReplyError(
                400, f"A lab id is lowercase letters, digits and '-' ({ID_PATTERN.pattern})."
            )
        lab = self.catalog.get(lab_id)
        if lab is None:
            raise ReplyError(404, f"There is no lab with id '{lab_id}'.")
        return lab
