# Lambda Workbench in-environment Python runtime: the context object (§3.5) built from the Runtime API's headers.
import json
import logging
import os
import sys
import time
from ._common import FaultException


# ---------------------------------------------------------------------------------------------------------------
# The context object (§3.5).


class CognitoIdentity(object):
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __repr__(self):
        return "CognitoIdentity([cognito_identity_id={},cognito_identity_pool_id={}])".format(
            self.cognito_identity_id, self.cognito_identity_pool_id
        )


class Client(object):
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]

    def __repr__(self):
        return "Client([{}])".format(",".join("{}={}".format(f, getattr(self, f)) for f in self.__slots__))


class ClientContext(object):
    __slots__ = ["custom", "env", "client"]

    def __repr__(self):
        return "ClientContext([custom={},env={},client={}])".format(self.custom, self.env, self.client)


def _object_from_dict(cls, values):
    if values is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, values.get(field))
    return obj


def _parse_json_header(value, name):
    try:
        return json.loads(value)
    except Exception as e:
        raise FaultException(FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR, "Unable to parse {} JSON: {}".format(name, e))


W3C_FIELDS = ("traceparent", "tracestate", "baggage")


class LambdaContext(object):
    def __init__(self, invocation):
        self.aws_request_id = invocation.request_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invocation.invoked_function_arn
        self.tenant_id = invocation.tenant_id
        client_context = None
        if invocation.client_context:
            client_context = _parse_json_header(invocation.client_context, "Client Context")
        cognito = None
        if invocation.cognito_identity:
            cognito = _parse_json_header(invocation.cognito_identity, "Cognito Identity")
        # The RIC strips `w3c` out of the client context and exposes its string fields through w3c().
        raw_w3c = client_context.pop("w3c", None) if isinstance(client_context, dict) else None
        self._w3c = {k: raw_w3c[k] for k in W3C_FIELDS if isinstance(raw_w3c, dict) and isinstance(raw_w3c.get(k), str)}
        self.client_context = _object_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _object_from_dict(Client, self.client_context.client)
        self.identity = _object_from_dict(CognitoIdentity, {})
        if cognito is not None:
            self.identity.cognito_identity_id = cognito.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito.get("cognitoIdentityPoolId")
        self._epoch_deadline_time_in_ms = invocation.deadline_ms

    def get_remaining_time_in_millis(self):
        remaining = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def w3c(self):
        return dict(self._w3c)

    def log(self, msg):
        for handler in logging.getLogger().handlers:
            if hasattr(handler, "log_sink"):
                handler.log_sink.log(str(msg))
                return
        sys.stdout.write(str(msg))

    def __repr__(self):
        fields = ("aws_request_id", "log_group_name", "log_stream_name", "function_name", "memory_limit_in_mb",
                  "function_version", "invoked_function_arn", "client_context", "identity", "tenant_id")
        return "LambdaContext([{}])".format(",".join("{}={}".format(f, getattr(self, f)) for f in fields))
