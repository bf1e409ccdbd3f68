"""``kpiwell serve``: the production server (waitress, a real multi-threaded WSGI server)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

DEFAULT_HOST, DEFAULT_PORT, DEFAULT_THREADS = "127.0.0.1", 8000, 8


def serve_forever(*, host: str, port: int, threads: int = DEFAULT_THREADS) -> None:
    from waitress import serve

    from kpiwell.wsgi import application

    serve(application, host=host, port=port, threads=threads, ident="kpiwell")


class Command(BaseCommand):
    help = "Serve kpiwell with a production WSGI server (waitress)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default=DEFAULT_HOST, help="Address to listen on (default 127.0.0.1).")
        parser.add_argument(
            "--port", type=int, default=DEFAULT_PORT, help="Port to listen on (default 8000)."
        )
        parser.add_argument(
            "--threads", type=int, default=DEFAULT_THREADS, help="Worker threads (default 8)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"kpiwell listening on http://{options['host']}:{options['port']}/")
        self.stdout.flush()
        serve_forever(host=options["host"], port=options["port"], threads=options["threads"])
