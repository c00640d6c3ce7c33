"""MkDocs hooks: the thin adapter between MkDocs and the curriculum engine.

Each hook only hands MkDocs' objects to the engine (hooks/curriculum/, which
never imports MkDocs) and its answers back, and turns the engine's errors into
PluginError, which MkDocs reports without a traceback. One build's state is the
`Site` made in on_config, so `mkdocs serve` sees content edits on every rebuild.

Under `mkdocs serve`, content with problems does not stop the build: the preview
becomes a site whose every page lists them (`problems_preview`), since MkDocs'
server would hold every request until a build succeeded.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from curriculum import ContentError, Hosting, MissingAsset, Site, problems_preview, site_assets, site_root_path, tab_title

log = logging.getLogger("mkdocs.hooks.atlas")

_site: Site | None = None
_problems: ContentError | None = None  # what stops this build, under `mkdocs serve`
_preview = False  # under `mkdocs serve`: a half-written page previews, its placeholders listed
# The pages of the last build that worked: under `mkdocs serve`, each of them
# lists the problems while there are some (the only state kept across builds).
_last_pages: set[str] = set()


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


def on_config(config):
    global _site, _problems
    _site, _problems = None, None  # a `mkdocs serve` rebuild: the last build's curriculum goes
    try:
        _site = Site.load(config.docs_dir, strict=config.strict and not _preview, preview=_preview,
                          hosting=Hosting(config.site_url or "", config.use_directory_urls))
    except ContentError as error:
        if not _preview:
            raise PluginError(str(error)) from None
        _problems = error
        # Said at INFO: a warning would stop the strict build that shows the problems.
        log.info(f"{error}\nThe preview shows these problems at every page until they are fixed.")
        config.nav = [{"Problems in the content": "index.md"}]
        return config
    for warning in _site.curriculum.warnings:
        # In a preview these are what is left to do, not faults of the build: shown, not counted.
        log.log(logging.INFO if _preview else logging.WARNING, f"to finish before a pull request: {warning}" if _preview else str(warning))
    config.nav = _site.navigation()
    return config


def on_files(files: Files, config) -> Files:
    global _last_pages
    if _problems is not None:
        for src, content in problems_preview(_problems, _last_pages | {f.src_uri for f in files.documentation_pages()}).items():
            file = files.get_file_from_path(src)
            if file is None:
                files.append(File.generated(config, src, content=content))
            else:
                file.content_string = content
        return _with_assets(files, config)
    for src, content in _site.generated_pages().items():
        files.append(File.generated(config, src, content=content))
    for src, content in _site.page_sources().items():
        file = files.get_file_from_path(src)
        if file is not None:
            file.content_string = content

    def url_of(src: str) -> str:
        file = files.get_file_from_path(src)
        return file.url if file else src

    def dest_of(src: str) -> str:
        return File(src, config.docs_dir, config.site_dir, config.use_directory_urls).dest_uri

    for dest, content in _site.data_files(url_of).items():
        files.append(File.generated(config, dest, content=content))
    _site.note_urls(url_of)
    for dest, content in _site.redirect_pages(url_of, dest_of, config.site_url, config.site_name).items():
        files.append(File.generated(config, dest, content=content))
    _last_pages = {file.src_uri for file in files.documentation_pages()}
    return _with_assets(files, config)


def _with_assets(files: Files, config) -> Files:
    try:
        assets = site_assets()
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
    if _site is not None:
        _site.page_meta(page.file.src_uri, page.meta)
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    return html if _site is None else _site.finish_content(html)


def on_page_context(context, page, config, nav):
    if _site is None:
        return context
    context["tab_title"] = _site.tab_title(page.file.src_uri, config.site_name)  # templates/theme/main.html
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
        context["tab_title"] = tab_title("Page not found", config.site_name)
    return context


def on_post_page(output: str, page, config) -> str:
    return output if _site is None else _site.finish_page(page.file.src_uri, output)


# After Material's search plugin writes the search index (priority 0) and before its
# offline plugin copies that index into search_index.js for file:// (-100).
@event_priority(-50)
def on_post_build(config):
    if _site is None:
        return
    for dest, text in _site.rows_scripts().items():
        target = Path(config.site_dir, dest)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    index = Path(config.site_dir, "search", "search_index.json")
    if index.is_file():
        index.write_text(_site.label_search_index(index.read_text(encoding="utf-8")), encoding="utf-8")
