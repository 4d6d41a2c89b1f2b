"""Lambda asset sizes (zip and unzipped) per function, as `make build` packages them."""

from infra.packaging import bench as main

__all__ = ["main"]
