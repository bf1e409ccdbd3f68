"""The demo, really started: `kpiwell demo` on a fresh data folder, then HTTP and a real browser.

This is the Quickstart's promise tested end to end: a fresh machine gets a database, the demo
organisation and a production server answering on the port it was given.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from kpiwell.demo.generate import demo_password

pytestmark = pytest.mark.xdist_group("demo-server")

STARTUP_TIMEOUT_S = 180
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True, slots=True)
class DemoServer:
    url: str
    output: Path

    def logins(self) -> dict[str, str]:
        """role -> username, as printed by `kpiwell demo`."""
        found = {}
        for line in self.output.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[0] in {"admin", "HR", "manager", "employee"} and "." in parts[1]:
                found.setdefault(parts[0], parts[1])
        return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return int(response.status), bytes(response.read())


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    data_dir = tmp_path_factory.mktemp("demo-data")
    output = data_dir / "demo-output.txt"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "KPIWELL_DATABASE_URL"}
    env["KPIWELL_DATA_DIR"] = str(data_dir)
    with output.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "kpiwell", "demo", "--port", str(port)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"kpiwell demo exited early:\n{output.read_text(encoding='utf-8')}")
            try:
                get(f"{url}/healthz")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"kpiwell demo did not answer in time:\n{output.read_text(encoding='utf-8')}")
                time.sleep(0.5)
        yield DemoServer(url=url, output=output)
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def log_in(browser: Browser, server: DemoServer, username: str) -> Page:
    page = browser.new_page(locale="en-GB")
    page.goto(f"{server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", demo_password())
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page


def test_the_demo_answers_its_health_check(demo_server: DemoServer) -> None:
    status, body = get(f"{demo_server.url}/healthz")

    assert status == 200
    assert json.loads(body) == {"status": "ok"}


def test_the_demo_prints_its_logins(demo_server: DemoServer) -> None:
    logins = demo_server.logins()

    assert {"admin", "HR", "manager", "employee"} <= set(logins)
    assert demo_password() in demo_server.output.read_text(encoding="utf-8")


@pytest.mark.browser
def test_an_employee_logs_in_and_sees_their_own_kpis(demo_server: DemoServer, browser: Browser) -> None:
    page = log_in(browser, demo_server, demo_server.logins()["employee"])

    assert "/people/" in page.url
    assert page.locator("table.kpis tbody tr").count() >= 2
    assert page.locator("text=Your progress is compared with your own past").count() == 1
    page.close()


@pytest.mark.browser
def test_the_history_of_corrections_opens_in_place(demo_server: DemoServer, browser: Browser) -> None:
    page = log_in(browser, demo_server, demo_server.logins()["employee"])

    page.locator("button:has-text('All reports and corrections')").first.click()

    page.wait_for_selector("table.history")
    assert page.locator("table.history tbody tr").count() >= 1
    page.close()


@pytest.mark.browser
def test_the_language_switch_turns_the_app_vietnamese(demo_server: DemoServer, browser: Browser) -> None:
    page = log_in(browser, demo_server, demo_server.logins()["employee"])

    with page.expect_navigation():
        page.select_option("#language", "vi")

    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("button:has-text('Đăng xuất')").count() == 1
    page.close()


@pytest.mark.browser
def test_a_manager_reaches_their_reports_but_an_employee_does_not(
    demo_server: DemoServer, browser: Browser
) -> None:
    manager = log_in(browser, demo_server, demo_server.logins()["manager"])
    manager_page = manager.url.removeprefix(demo_server.url)
    manager.click("text=My team")
    links = [
        manager.locator("table a").nth(i).get_attribute("href")
        for i in range(manager.locator("table a").count())
    ]
    reports = [link for link in links if link and link != manager_page]
    assert len(reports) >= 3
    opened = manager.goto(f"{demo_server.url}{reports[0]}")
    assert opened is not None and opened.status == 200
    assert manager.locator("table.kpis").count() == 1
    manager.close()

    employee = log_in(browser, demo_server, demo_server.logins()["employee"])
    refused = employee.goto(f"{demo_server.url}{manager_page}")
    assert refused is not None and refused.status == 404
    assert employee.locator("table.kpis").count() == 0
    employee.close()
