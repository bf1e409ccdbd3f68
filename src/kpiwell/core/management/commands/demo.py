"""``kpiwell demo``: create the database, load the demo organisation and serve it."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from kpiwell.core.management.commands.serve import DEFAULT_HOST, DEFAULT_PORT, serve_forever
from kpiwell.demo.generate import demo_password, generate_demo
from kpiwell.demo.load import demo_is_loaded, demo_load, demo_logins


class Command(BaseCommand):
    help = "Create the database, load the demo organisation (once) and serve it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default=DEFAULT_HOST)
        parser.add_argument("--port", type=int, default=DEFAULT_PORT)
        parser.add_argument(
            "--no-serve", action="store_true", help="Load the demo and exit instead of serving it."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        demo = generate_demo(as_of=timezone.localdate())
        if demo_is_loaded():
            self.stdout.write("The demo organisation is already loaded.")
        else:
            self.stdout.write("Loading the demo organisation …")
            self.stdout.flush()
            result = demo_load(demo=demo)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded {result.organisation.name}: {result.people} people, "
                    f"{result.measurements} measurements."
                )
            )
        self.stdout.write("\nDemo logins (demo only; every account has the same password):")
        for login in demo_logins(demo):
            self.stdout.write(f"  {login.role:<32} {login.username:<22} {login.full_name}")
        self.stdout.write(f"  password: {demo_password()}\n")
        if options["no_serve"]:
            return
        self.stdout.write(f"Open http://{options['host']}:{options['port']}/ (Ctrl+C to stop)")
        self.stdout.flush()
        serve_forever(host=options["host"], port=options["port"])
