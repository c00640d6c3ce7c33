"""MkDocs hooks: the thin adapter between MkDocs and the curriculum engine.

Each hook only hands MkDocs' objects to the engine (hooks/curriculum/, which
never imports MkDocs) and its answers back, and turns the engine's errors into
PluginError, which MkDocs reports without a traceback. One build's state is the
`Site` made in on_config, so `mkdocs serve` sees content edits on every rebuild.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from curriculum import ContentError, MissingAsset, Site, site_root_path

_site: Site | None = None


def on_config(config):
    global _site
    _site = None  # a `mkdocs serve` rebuild: the last build's curriculum goes
    try:
        _site = Site.load(config.docs_dir)
    except ContentError as error:
        raise PluginError(str(error)) from None
    config.nav = _site.navigation()
    return config


def on_files(files: Files, config) -> Files:
    for src, content in _site.generated_pages().items():
        files.append(File.generated(config, src, content=content))
    for src, content in _site.page_sources().items():
        file = files.get_file_from_path(src)
        if file is not None:
            file.content_string = content

    def url_of(src: str) -> str:
        file = files.get_file_from_path(src)
        return file.url if file else src

    for dest, content in _site.data_files(url_of).items():
        files.append(File.generated(config, dest, content=content))
    try:
        assets = _site.assets()
    except MissingAsset as error:
        raise PluginError(str(error)) from None
    for dest, source in assets.items():
        files.append(File.generated(config, dest, abs_src_path=str(source)))
    return files


def on_nav(nav, config, files):
    pages = {page.file.src_uri: page for page in nav.pages}
    for src, (before, after) in _site.neighbours().items():
        if src in pages:
            pages[src].previous_page = pages.get(before) if before else None
            pages[src].next_page = pages.get(after) if after else None
    return nav


def on_page_markdown(markdown: str, page, config, files) -> str:
    _site.page_meta(page.file.src_uri, page.meta)
    return markdown


def on_page_context(context, page, config, nav):
    if config.repo_url and config.edit_uri:
        page.edit_url = _site.edit_link(page.file.src_uri, config.repo_url, config.edit_uri)
    return context


def on_env(env, config, files):
    env.filters["urlsplit_path"] = site_root_path  # for templates/theme/404.html

    def url_of(src: str) -> str:
        file = files.get_file_from_path(src)
        return file.url if file else src

    env.globals["atlas_footer_links"] = _site.footer_links(url_of)  # for templates/theme/partials/copyright.html
    return env


def on_template_context(context, template_name: str, config):
    if template_name == "404.html":
        context["base_url"] = "."
    return context


def on_post_page(output: str, page, config) -> str:
    return _site.finish_page(page.file.src_uri, output)


def on_post_build(config):
    for dest, text in _site.rows_scripts().items():
        target = Path(config.site_dir, dest)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
