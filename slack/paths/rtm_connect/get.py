"""``GET /rtm.connect``: its parameters, its responses and the call itself, as declarations.

Slack's 2020 definition of the method, read by the machinery in ``api_client``
and ``schemas``. Nothing here interprets anything.
"""
import typing

from slack import api_client, schemas
from slack.configuration import TimeoutValue
from slack.model.defs_ok_false import DefsOkFalse
from slack.model.defs_ok_true import DefsOkTrue
from slack.model.defs_team import DefsTeam
from slack.model.defs_user_id import DefsUserId
from slack.paths import PathValues

__all__ = [
    "TokenSchema",
    "BatchPresenceAwareSchema",
    "PresenceSubSchema",
    "RequestRequiredQueryParams",
    "RequestOptionalQueryParams",
    "RequestQueryParams",
    "SchemaFor200ResponseBodyApplicationJson",
    "SchemaFor0ResponseBodyApplicationJson",
    "ApiResponseFor200",
    "ApiResponseForDefault",
    "BaseApi",
    "RtmConnect",
    "ApiForget",
]

# --- request -------------------------------------------------------------------------------------

TokenSchema = schemas.StrSchema
BatchPresenceAwareSchema = schemas.BoolSchema
PresenceSubSchema = schemas.BoolSchema


class RequestRequiredQueryParams(typing.TypedDict):
    token: typing.Union[TokenSchema, str]


class RequestOptionalQueryParams(typing.TypedDict, total=False):
    batch_presence_aware: typing.Union[BatchPresenceAwareSchema, bool]
    presence_sub: typing.Union[PresenceSubSchema, bool]


class RequestQueryParams(RequestRequiredQueryParams, RequestOptionalQueryParams):
    pass


request_query_token = api_client.QueryParameter(
    name="token", schema=TokenSchema, required=True, credential=True)
request_query_batch_presence_aware = api_client.QueryParameter(
    name="batch_presence_aware", schema=BatchPresenceAwareSchema)
request_query_presence_sub = api_client.QueryParameter(
    name="presence_sub", schema=PresenceSubSchema)

_parameters = (request_query_token, request_query_batch_presence_aware, request_query_presence_sub)
_auth = ("slackAuth",)
_all_accept_content_types = ("application/json",)
_path = PathValues.RTM_CONNECT.value  # read once: an enum member's .value is a Python-level property

# --- responses -----------------------------------------------------------------------------------


class SchemaFor200ResponseBodyApplicationJson(schemas.DictSchema):
    """Schema for successful response from rtm.connect method"""

    class MetaOapg:
        required = ("ok", "url", "team", "self")
        additional_properties = False

        class properties:
            ok = DefsOkTrue
            url = schemas.StrSchema

            class self(schemas.DictSchema):
                class MetaOapg:
                    required = ("id", "name")
                    additional_properties = False

                    class properties:
                        id = DefsUserId
                        name = schemas.StrSchema

                if typing.TYPE_CHECKING:
                    @typing.overload
                    def __getitem__(self, name: typing.Literal["id"]) -> DefsUserId: ...
                    @typing.overload
                    def __getitem__(self, name: typing.Literal["name"]) -> schemas.StrSchema: ...
                    @typing.overload
                    def __getitem__(self, name: str) -> typing.Any: ...
                    def __getitem__(self, name: str) -> typing.Any: ...

            class team(schemas.DictSchema):
                class MetaOapg:
                    required = ("id", "name", "domain")
                    additional_properties = False

                    class properties:
                        id = DefsTeam
                        name = schemas.StrSchema
                        domain = schemas.StrSchema

                if typing.TYPE_CHECKING:
                    @typing.overload
                    def __getitem__(self, name: typing.Literal["id"]) -> DefsTeam: ...
                    @typing.overload
                    def __getitem__(self, name: typing.Literal["name", "domain"]) -> schemas.StrSchema: ...
                    @typing.overload
                    def __getitem__(self, name: str) -> typing.Any: ...
                    def __getitem__(self, name: str) -> typing.Any: ...

    if typing.TYPE_CHECKING:
        @typing.overload
        def __getitem__(self, name: typing.Literal["ok"]) -> DefsOkTrue: ...
        @typing.overload
        def __getitem__(self, name: typing.Literal["url"]) -> schemas.StrSchema: ...
        @typing.overload
        def __getitem__(self, name: typing.Literal["self"]) -> MetaOapg.properties.self: ...
        @typing.overload
        def __getitem__(self, name: typing.Literal["team"]) -> MetaOapg.properties.team: ...
        @typing.overload
        def __getitem__(self, name: str) -> typing.Any: ...
        def __getitem__(self, name: str) -> typing.Any: ...


class SchemaFor0ResponseBodyApplicationJson(schemas.DictSchema):
    """Schema for error response from rtm.connect method"""

    class MetaOapg:
        required = ("ok", "error")
        additional_properties = False

        class properties:
            ok = DefsOkFalse
            callstack = schemas.StrSchema  # Note: PHP callstack is only visible in dev/qa

            class error(schemas.StrSchema):
                """The Slack error code. Codes outside this list (``missing_scope``,
                ``ratelimited``, ...) are kept as they come: Slack adds codes."""

                class MetaOapg:
                    enum_value_to_name = {
                        "not_authed": "NOT_AUTHED",
                        "invalid_auth": "INVALID_AUTH",
                        "account_inactive": "ACCOUNT_INACTIVE",
                        "token_revoked": "TOKEN_REVOKED",
                        "no_permission": "NO_PERMISSION",
                        "invalid_arg_name": "INVALID_ARG_NAME",
                        "invalid_array_arg": "INVALID_ARRAY_ARG",
                        "invalid_charset": "INVALID_CHARSET",
                        "invalid_form_data": "INVALID_FORM_DATA",
                        "invalid_post_type": "INVALID_POST_TYPE",
                        "missing_post_type": "MISSING_POST_TYPE",
                        "team_added_to_org": "TEAM_ADDED_TO_ORG",
                        "invalid_json": "INVALID_JSON",
                        "json_not_object": "JSON_NOT_OBJECT",
                        "request_timeout": "REQUEST_TIMEOUT",
                        "upgrade_required": "UPGRADE_REQUIRED",
                        "fatal_error": "FATAL_ERROR",
                    }

    if typing.TYPE_CHECKING:
        @typing.overload
        def __getitem__(self, name: typing.Literal["ok"]) -> DefsOkFalse: ...
        @typing.overload
        def __getitem__(self, name: typing.Literal["error"]) -> MetaOapg.properties.error: ...
        @typing.overload
        def __getitem__(self, name: typing.Literal["callstack"]) -> schemas.StrSchema: ...
        @typing.overload
        def __getitem__(self, name: str) -> typing.Any: ...
        def __getitem__(self, name: str) -> typing.Any: ...


class ApiResponseFor200(api_client.ApiResponse):
    __slots__ = ()
    body: SchemaFor200ResponseBodyApplicationJson
    headers: schemas.Unset


class ApiResponseForDefault(api_client.ApiResponse):
    __slots__ = ()
    body: SchemaFor0ResponseBodyApplicationJson
    headers: schemas.Unset


_response_for_200 = api_client.OpenApiResponse(
    response_cls=ApiResponseFor200,
    content={"application/json": api_client.MediaType(schema=SchemaFor200ResponseBodyApplicationJson)},
)
_response_for_default = api_client.OpenApiResponse(
    response_cls=ApiResponseForDefault,
    content={"application/json": api_client.MediaType(schema=SchemaFor0ResponseBodyApplicationJson)},
)
_status_code_to_response = {"200": _response_for_200}

# --- the call ------------------------------------------------------------------------------------


class BaseApi(api_client.Api):
    @typing.overload
    def _rtm_connect_oapg(
        self,
        query_params: RequestQueryParams,
        accept_content_types: typing.Tuple[str, ...] = ...,
        stream: bool = ...,
        timeout: typing.Optional[TimeoutValue] = ...,
        skip_deserialization: typing.Literal[False] = ...,
    ) -> ApiResponseFor200: ...

    @typing.overload
    def _rtm_connect_oapg(
        self,
        query_params: RequestQueryParams,
        accept_content_types: typing.Tuple[str, ...] = ...,
        stream: bool = ...,
        timeout: typing.Optional[TimeoutValue] = ...,
        *,
        skip_deserialization: typing.Literal[True],
    ) -> api_client.ApiResponseWithoutDeserialization: ...

    @typing.overload
    def _rtm_connect_oapg(
        self,
        query_params: RequestQueryParams,
        accept_content_types: typing.Tuple[str, ...] = ...,
        stream: bool = ...,
        timeout: typing.Optional[TimeoutValue] = ...,
        skip_deserialization: bool = ...,
    ) -> typing.Union[ApiResponseFor200, api_client.ApiResponseWithoutDeserialization]: ...

    def _rtm_connect_oapg(
        self,
        query_params: RequestQueryParams,
        accept_content_types: typing.Tuple[str, ...] = _all_accept_content_types,
        stream: bool = False,
        timeout: typing.Optional[TimeoutValue] = None,
        skip_deserialization: bool = False,
    ) -> typing.Union[ApiResponseFor200, api_client.ApiResponseWithoutDeserialization]:
        """Starts a Real Time Messaging session.

        Raises ``ApiTypeError``/``ApiValueError`` for bad ``query_params`` (nothing
        is sent), and ``ApiException`` for every answer that is not a success.
        """
        return self._call_oapg(  # type: ignore[return-value]
            path=_path,
            method="GET",
            parameters=_parameters,
            query_params=query_params,
            responses=_status_code_to_response,
            default_response=_response_for_default,
            auth=_auth,
            accept_content_types=accept_content_types,
            stream=stream,
            timeout=timeout,
            skip_deserialization=skip_deserialization,
        )


class RtmConnect(BaseApi):
    """The ``rtm_connect`` operation."""

    rtm_connect = BaseApi._rtm_connect_oapg


class ApiForget(BaseApi):
    """``GET`` on ``/rtm.connect``."""

    get = BaseApi._rtm_connect_oapg
