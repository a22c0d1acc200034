"""The real AWS SAM translator as a long-lived helper for the referee tests.

One request per line on stdin: {"id": ..., "template": {...}, "parameters": {...}}.
One answer per line on stdout: {"id": ..., "ok": true, "template": {...}} or
{"id": ..., "ok": false, "errors": ["..."]}. A single process serves every template because
importing samtranslator costs ~0.3 s and a translation ~16 ms.
"""

import json
import os
import sys

# The translator reads the Region from the environment for ARNs and endpoints; set it before import.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator import __version__ as SAM_VERSION  # noqa: E402
from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402

# Pseudo parameters CloudFormation hands SAM at deploy time; tests pass the same account/Region.
PSEUDO_PARAMETERS = {
    "AWS::Region": os.environ["AWS_DEFAULT_REGION"],
    "AWS::Partition": "aws",
    "AWS::AccountId": "123456789012",
    "AWS::StackName": "service-proxy-referee",
    "AWS::StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/service-proxy-referee/00000000-0000-0000-0000-000000000000",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::NotificationARNs": [],
}


class StubPolicyLoader:
    """Managed-policy loader that never calls IAM: 1.110 resolves names from its bundled table."""

    def load(self):
        return {}


def answer(request):
    parameters = dict(PSEUDO_PARAMETERS)
    parameters.update(request.get("parameters") or {})
    try:
        return {"ok": True, "template": transform(request["template"], parameters, StubPolicyLoader())}
    except InvalidDocumentException as error:
        return {"ok": False, "errors": [cause.message for cause in error.causes]}
    except Exception as error:  # a translator crash is a finding too, not a dead helper
        return {"ok": False, "errors": [f"{type(error).__name__}: {error}"]}


def main():
    # The first line announces the version so the caller can report what it checked against.
    print(json.dumps({"ready": True, "version": SAM_VERSION}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        reply = answer(request)
        reply["id"] = request.get("id")
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
