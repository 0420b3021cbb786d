"""MkDocs hook entry point: the portal's events, from the package beside this file."""

from techportal.mkdocs_adapter import (  # noqa: F401
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_page_context,
    on_post_build,
    on_post_page,
    on_pre_build,
    on_startup,
)
