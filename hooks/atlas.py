"""MkDocs hooks: each hands MkDocs' objects to the curriculum engine (which never
imports MkDocs) and its answers back; its errors become PluginError, reported
without a traceback. One build's state is the `Site` (or, under `mkdocs serve` with
problems in the content, the `ProblemsPreview`) that curriculum.start makes in
on_config, so `mkdocs serve`, which keeps hook modules loaded, sees every edit.
The pages, data files and assets are those `python -m curriculum generate` writes
for any builder, and on_post_build is `python -m curriculum finish`.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from curriculum import ContentError, MissingAsset, ProblemsPreview, Site, refused_assets, start

log = logging.getLogger("mkdocs.hooks.atlas")
_build: Site | ProblemsPreview | None = None
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config):
    global _build
    try:
        _build = start(config.docs_dir, serving=_serving, strict=config.strict, site_url=config.site_url or "",
                       directory_urls=config.use_directory_urls, previous=_build)
    except (ContentError, MissingAsset) as error:
        raise PluginError(str(error)) from None
    _build.log_to(log)
    config.nav = _build.navigation()
    config.extra.update(_build.theme_settings())  # for templates/theme: its footer and 404 page
    return config


def on_files(files: Files, config) -> Files:
    content = [(f.src_uri, f) for f in files if not f.is_documentation_page() and f.abs_src_path and not f.generated_by]
    for file in refused_assets(config.docs_dir, content):
        files.remove(file)  # the content's problems say why; a preview must not serve them either
    if isinstance(_build, ProblemsPreview):
        pages = _build.sources(config.site_name, (f.src_uri for f in files.documentation_pages()))
    else:
        pages = _build.sources(config.site_name)
    for src, content in pages.items():
        file = files.get_file_from_path(src)
        if file is None:
            files.append(File.generated(config, src, content=content))
        else:
            file.content_string = content
    for dest, content in _build.files(config.site_name).items():
        files.append(File.generated(config, dest, content=content))
    for dest, source in _build.assets.items():
        files.append(File.generated(config, dest, abs_src_path=str(source)))
    for dest, text in _build.stylesheets.items():  # the theme's copies, minified
        file = files.get_file_from_path(dest)
        if file is not None:
            file.content_string = text
    for file in list(files):
        if not _build.ships(file.src_uri):
            files.remove(file)
        elif _build.is_search_worker(file.src_uri):
            file.content_string = _build.search_worker(file.content_string)
    return files


def on_nav(nav, config, files):
    pages = {page.file.src_uri: page for page in nav.pages}
    for src, (before, after) in _build.neighbours().items():
        if src in pages:
            pages[src].previous_page, pages[src].next_page = pages.get(before), pages.get(after)
    return nav


# MkDocs has converted every page by now (and found its anchors), and written none.
def on_env(env, config, files):
    built = {file.src_uri: getattr(file.page, "present_anchor_ids", None) for file in files.documentation_pages() if file.page}
    try:
        _build.check_anchors(built)
    except ContentError as error:
        raise PluginError(str(error)) from None
    return env


def on_page_content(html: str, page, config, files) -> str:
    return _build.finish_content(page.file.src_uri, html)


def on_page_context(context, page, config, nav):
    page.edit_url = _build.edit_link(page.file.src_uri, config.repo_url, config.edit_uri) or page.edit_url
    return context


def on_post_page(output: str, page, config) -> str:
    return _build.finish_page(page.file.src_uri, output)


# After Material's search plugin writes the search index (priority 0) and before its
# offline plugin copies that index into search_index.js for file:// (-100).
@event_priority(-50)
def on_post_build(config):
    _build.finish(config.site_dir)
