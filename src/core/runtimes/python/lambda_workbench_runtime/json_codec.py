# Lambda Workbench in-environment Python runtime: JSON in and out (§3.5): events, results (Decimal, bytes) and log records.
import decimal
import json
import math
from ._common import FaultException


# ---------------------------------------------------------------------------------------------------------------
# JSON (§3.5): json.loads for application/json events; results with ", " / ": " separators, Decimal as its exact
# number text (NaN for Decimal NaN), bytes passed through raw. The RIC uses simplejson; this is the stdlib twin.


class _DecimalSeen(Exception):
    pass


class _DecimalNumber(float):
    """Carries a Decimal's text through the pure-Python encoder, which prints it unchanged."""


def _raise_on_decimal(obj):
    if isinstance(obj, decimal.Decimal):
        raise _DecimalSeen()
    raise TypeError("Object of type {} is not JSON serializable".format(obj.__class__.__name__))


def _decimal_default(obj):
    if isinstance(obj, decimal.Decimal):
        if obj.is_nan():
            return math.nan
        number = _DecimalNumber(0.0)
        number.text = str(obj)
        return number
    raise TypeError("Object of type {} is not JSON serializable".format(obj.__class__.__name__))


def _float_text(value, _repr=float.__repr__, _inf=math.inf):
    if type(value) is _DecimalNumber:
        return value.text
    if value != value:
        return "NaN"
    if value == _inf:
        return "Infinity"
    if value == -_inf:
        return "-Infinity"
    return _repr(value)


class JsonCodec:
    def __init__(self, execution_env):
        # The RIC keeps non-ASCII characters unescaped only on python3.12 (lambda_runtime_marshaller.py).
        self.ensure_ascii = execution_env != "AWS_Lambda_python3.12"
        self._fast = json.JSONEncoder(ensure_ascii=self.ensure_ascii, default=_raise_on_decimal)

    def encode(self, obj):
        try:
            return self._fast.encode(obj)  # C encoder: the common case, no Decimal inside
        except _DecimalSeen:
            string_encoder = json.encoder.encode_basestring_ascii if self.ensure_ascii else json.encoder.encode_basestring
            iterencode = json.encoder._make_iterencode(
                {}, _decimal_default, string_encoder, None, _float_text, ": ", ", ", False, False, True
            )
            return "".join(iterencode(obj, 0))

    def unmarshal_event(self, body, content_type):
        if content_type != "application/json":
            return body
        try:
            return json.loads(body)
        except Exception as e:
            raise FaultException(FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(e))

    def marshal_response(self, result):
        """(body bytes, content type) for a handler's return value."""
        if isinstance(result, bytes):
            return result, "application/unknown"
        try:
            return self.encode(result).encode("utf-8"), "application/json"
        except Exception as e:
            raise FaultException(FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(e))
