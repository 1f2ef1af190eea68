"""A real SMTP server on loopback (aiosmtpd) that records every message it accepts."""

import logging
import socket
import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self) -> None:
        self.message_ids: list[str] = []
        self.subjects: list[str] = []
        self.bodies: list[str] = []
        self.greetings = 0  # EHLO commands: one per SMTP connection
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802 - aiosmtpd's hook name
        session.host_name = hostname
        with self.lock:
            self.greetings += 1
        return responses

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.content, policy=policy.default)
        body = message.get_body(preferencelist=("plain",)).get_content()
        with self.lock:
            self.message_ids.append(message["Message-ID"])
            self.subjects.append(message["Subject"])
            self.bodies.append(body)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_smtp() -> tuple[Controller, Recorder]:
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, recorder
