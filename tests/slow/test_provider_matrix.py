"""Slow tier: a pairwise selection of provider answers, rendered, vetted and tested on each driver.

The apps of test_generated_app.py compile every email provider in, one render per driver. These
renders choose one provider of each kind, so that each provider's code is compiled and tested
without the others beside it, and linted (an import or a helper that only another provider
brings would otherwise go unnoticed). Nine renders cover every pair of answers (driver x email
x SMS x queue), and so every provider once per driver. The AWS emulator serves the SES, SNS and SQS tests, and
Mailpit the SMTP ones.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

import pytest
from apps import generate_app
from procs import log

DRIVERS = ("go-libsql", "sqlite3", "postgres")
EMAIL = ("smtp", "ses", "sendgrid")
SMS = ("none", "sns", "twilio")
QUEUE = ("database", "sqs", "pubsub")


class Combination(NamedTuple):
    driver: str
    email: str
    sms: str
    queue: str

    @property
    def id(self) -> str:
        return f"{self.driver}-email:{self.email}-sms:{self.sms}-queue:{self.queue}"

    @property
    def answers(self) -> list[str]:
        sms = "[]" if self.sms == "none" else f"[{self.sms}]"
        queue = "[database]" if self.queue == "database" else f"[database, {self.queue}]"
        return [f"email_providers=[{self.email}]", f"sms_providers={sms}", f"queue_providers={queue}"]


# An orthogonal array: every value of one factor meets every value of each other factor once.
MATRIX = [
    Combination("go-libsql", "smtp", "none", "database"),
    Combination("go-libsql", "ses", "sns", "pubsub"),
    Combination("go-libsql", "sendgrid", "twilio", "sqs"),
    Combination("sqlite3", "smtp", "sns", "sqs"),
    Combination("sqlite3", "ses", "twilio", "database"),
    Combination("sqlite3", "sendgrid", "none", "pubsub"),
    Combination("postgres", "smtp", "twilio", "pubsub"),
    Combination("postgres", "ses", "none", "sqs"),
    Combination("postgres", "sendgrid", "sns", "database"),
]


def test_the_matrix_covers_every_pair_of_answers() -> None:
    factors = (DRIVERS, EMAIL, SMS, QUEUE)
    for (i, a), (j, b) in itertools.combinations(enumerate(factors), 2):
        seen = {(row[i], row[j]) for row in MATRIX}
        assert seen == set(itertools.product(a, b)), f"pairs of factors {i} and {j} missing"
    assert len({c.id for c in MATRIX}) == len(MATRIX), "test ids are unique"


@pytest.mark.slow
@pytest.mark.parametrize("combination", MATRIX, ids=lambda c: c.id)
def test_providers_render_vet_and_test(
    combination: Combination, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> None:
    root = tmp_path_factory.mktemp(f"matrix-{combination.driver}")
    app = generate_app(combination.driver, root, request, combination.answers)
    go_mod = (app.path / "go.mod").read_text()
    sdks = {
        "ses": "aws-sdk-go-v2/service/sesv2",
        "sns": "aws-sdk-go-v2/service/sns",
        "sqs": "aws-sdk-go-v2/service/sqs",
        "pubsub": "cloud.google.com/go/pubsub",
    }
    chosen = {combination.email, combination.sms, combination.queue}
    for provider, module in sdks.items():
        assert (module in go_mod) == (provider in chosen), f"go.mod and {module} with {sorted(chosen)}"

    endpoint = request.getfixturevalue("sqs_endpoint")  # moto serves every AWS API
    for provider in sorted(chosen & {"ses", "sns", "sqs"}):
        app.test_env[f"TEST_{provider.upper()}_ENDPOINT"] = endpoint
    if combination.email == "smtp":
        mailpit = request.getfixturevalue("mailpit")
        app.test_env |= {"TEST_SMTP_ADDR": mailpit.smtp_addr, "TEST_MAILPIT_URL": mailpit.url}
    log(f"\n==> [{combination.id}] go vet, golangci-lint, go test")
    app.go("vet", "./...")
    app.make("lint", timeout=1800)  # a helper that only another provider's code uses is found here
    app.go("test", "./...")
