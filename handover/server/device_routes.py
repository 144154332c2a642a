"""Routes for several devices per organisation: join codes and joining, the device list, revoking,
rotated-key packages (see :mod:`handover.server.devices`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from handover.server.devices import DeviceRegistry
from handover.server.routing import CallerDep
from handover.wire import devices as dw

# (path, method) -> the error codes the route can answer (merged into app.ROUTE_ERRORS).
DEVICE_ROUTE_ERRORS: dict[tuple[str, str], tuple[int, ...]] = {
    ("/v1/devices", "get"): (401,),
    ("/v1/devices/join-codes", "post"): (401, 403, 409, 422),
    ("/v1/devices/joins", "get"): (401,),
    ("/v1/devices/joins/approve", "post"): (400, 401, 404, 409, 422),
    ("/v1/devices/joins/refuse", "post"): (401, 422),
    ("/v1/devices/revoke", "post"): (400, 401, 404, 409, 422),
    ("/v1/devices/keys", "get"): (401,),
    ("/v1/devices/manifest", "post"): (400, 401, 409, 422),
    ("/v1/join/check", "post"): (403, 409, 410, 422),
    ("/v1/join", "post"): (400, 403, 409, 410, 422),
    ("/v1/join/status", "post"): (403, 409, 410, 422),
}

Responses = Callable[[str, str], dict[int | str, dict[str, Any]]]


def add_device_routes(app: FastAPI, registry: DeviceRegistry, responses: Responses) -> None:
    @app.get("/v1/devices", response_model=dw.DeviceList, responses=responses("/v1/devices", "get"))
    def device_list(who: CallerDep) -> dw.DeviceList:
        return registry.devices(who)

    @app.post(
        "/v1/devices/join-codes",
        response_model=dw.JoinCodeCreated,
        responses=responses("/v1/devices/join-codes", "post"),
    )
    def join_code(req: dw.JoinCodeCreate, who: CallerDep) -> dw.JoinCodeCreated:
        return registry.create_code(who, req)

    @app.get("/v1/devices/joins", response_model=dw.PendingJoins, responses=responses("/v1/devices/joins", "get"))
    def pending_joins(who: CallerDep) -> dw.PendingJoins:
        return registry.pending(who)

    @app.post("/v1/devices/joins/approve", responses=responses("/v1/devices/joins/approve", "post"))
    def approve(req: dw.JoinApprove, who: CallerDep) -> dict[str, str]:
        registry.approve(who, req)
        return {"status": "ok"}

    @app.post("/v1/devices/joins/refuse", responses=responses("/v1/devices/joins/refuse", "post"))
    def refuse(req: dw.JoinRefuse, who: CallerDep) -> dict[str, str]:
        registry.refuse(who, req)
        return {"status": "ok"}

    @app.post("/v1/devices/revoke", responses=responses("/v1/devices/revoke", "post"))
    def revoke(req: dw.RevokeRequest, who: CallerDep) -> dict[str, str]:
        registry.revoke(who, req)
        return {"status": "ok"}

    @app.get("/v1/devices/keys", response_model=dw.KeyPackages, responses=responses("/v1/devices/keys", "get"))
    def key_packages(who: CallerDep) -> dw.KeyPackages:
        return registry.packages(who)

    @app.post("/v1/devices/manifest", responses=responses("/v1/devices/manifest", "post"))
    def manifest(req: dw.ManifestUpdate, who: CallerDep) -> dict[str, str]:
        registry.update_manifest(who, req)
        return {"status": "ok"}

    @app.post("/v1/join/check", response_model=dw.JoinCheckResponse, responses=responses("/v1/join/check", "post"))
    def join_check(req: dw.JoinCheckRequest) -> dw.JoinCheckResponse:
        return registry.check(req)

    @app.post("/v1/join", response_model=dw.JoinStatus, responses=responses("/v1/join", "post"))
    def join(req: dw.JoinRequest) -> dw.JoinStatus:
        return registry.request(req)

    @app.post("/v1/join/status", response_model=dw.JoinStatus, responses=responses("/v1/join/status", "post"))
    def join_status(req: dw.JoinStatusRequest) -> dw.JoinStatus:
        return registry.status(req)
