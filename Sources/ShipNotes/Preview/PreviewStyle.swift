/// The preview page's CSS, inline because the page's policy loads nothing.
enum PreviewStyle {
    /// The page around the notes: a version page's header, then the notices and the renderings in
    /// columns that stack on narrow screens.
    static let page = """
        :root { color-scheme: light; --ink: #1f2a33; --muted: #5d6b78; --line: #d9dee4; --accent: #1473ae; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #eef1f4; color: var(--ink);
          font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; }
        header.version { display: flex; gap: 1.25rem; align-items: center; padding: 1.5rem 2rem;
          background: linear-gradient(180deg, #1b80bf, #135f8f); color: #fff; }
        header .icon { flex: none; width: 4.5rem; height: 4.5rem; border-radius: 1rem; background: #fff;
          color: var(--accent); display: flex; align-items: center; justify-content: center;
          font-size: 2.2rem; font-weight: 700; box-shadow: 0 2px 6px rgba(0,0,0,.25); }
        header h1 { margin: 0; font-size: 1.7rem; line-height: 1.2; }
        header .release { margin: .15rem 0 .5rem; font-size: 1.05rem; opacity: .95; }
        header .facts { display: flex; flex-wrap: wrap; gap: .35rem 1.5rem; margin: 0; font-size: .9rem; }
        header .facts div { display: flex; gap: .4rem; }
        header .facts dt { opacity: .75; }
        header .facts dd { margin: 0; font-weight: 600; }
        main { max-width: 90rem; margin: 0 auto; padding: 1.25rem 2rem 2rem; }
        h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
        .notice { border-radius: 6px; padding: .75rem 1rem; margin: 0 0 1rem; border: 1px solid; }
        .notice.warning { background: #fff4e0; border-color: #e5a33a; }
        .notice.ok { background: #e8f6ec; border-color: #6cbf84; }
        .notice.info { background: #e9f2fa; border-color: #8fb8d8; }
        .notice.error { background: #fdeaea; border-color: #d66; }
        .notice p { margin: .25rem 0; }
        .notice code, .length code { background: rgba(0,0,0,.06); padding: 0 .25em; border-radius: 3px;
          font: .85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
        .notice details { margin-top: .35rem; font-size: .9rem; color: var(--muted); }
        section.panel { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem;
          margin: 0 0 1rem; }
        .length meter { width: 100%; height: 1rem; }
        .length .count { font-size: 1.1rem; margin: 0 0 .35rem; }
        .length .over { color: #b3261e; font-weight: 600; }
        .renderings { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr));
          margin: 0 0 1rem; }
        .rendering { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem;
          display: flex; flex-direction: column; min-width: 0; }
        .rendering.testers { border: 2px solid var(--accent); }
        .rendering h2 { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; }
        .badge { background: var(--accent); color: #fff; border-radius: 999px; padding: .05rem .6rem;
          font-size: .75rem; font-weight: 600; }
        .badge.other { background: #e3e7eb; color: var(--muted); }
        .caption { margin: 0 0 .6rem; color: var(--muted); font-size: .88rem; }
        iframe { display: block; width: 100%; height: 34rem; border: 1px solid var(--line); border-radius: 6px;
          background: #fff; }
        details.source { margin-top: .6rem; font-size: .9rem; }
        pre { margin: .5rem 0 0; padding: .75rem; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px;
          overflow: auto; max-height: 24rem; white-space: pre-wrap; word-break: break-word;
          font: .82rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        .cut .dropped { color: #b3261e; text-decoration: line-through; background: #fdeaea; }
        .cut .scissors { color: var(--accent); font-weight: 700; }
        .clip iframe { height: 20rem; margin-top: .75rem; }
        footer { max-width: 90rem; margin: 0 auto; padding: 0 2rem 2rem; color: var(--muted); font-size: .85rem; }
        @media (max-width: 40rem) { header.version, main, footer { padding-left: 1rem; padding-right: 1rem; } }
        """

    /// The notes inside each frame, styled like a version page's notes.
    static let notes = """
        body { margin: 0; padding: 1rem 1.25rem; color: #333; background: #fff; overflow-wrap: break-word;
          font: 14px/1.6 -apple-system, BlinkMacSystemFont, "Helvetica Neue", Helvetica, Arial, sans-serif; }
        h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.2em 0 .5em; }
        h1 { font-size: 1.6em; } h2 { font-size: 1.35em; } h3 { font-size: 1.15em; } h4, h5, h6 { font-size: 1em; }
        body > :first-child { margin-top: 0; }
        p, ul, ol, blockquote, pre, table { margin: 0 0 .9em; }
        ul, ol { padding-left: 1.6em; }
        li > p { margin: .3em 0; }
        a { color: #1473ae; }
        code { background: #f1f3f5; padding: .1em .3em; border-radius: 3px;
          font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        pre { background: #f6f8fa; padding: .75em 1em; border-radius: 4px; overflow: auto; }
        pre code { background: none; padding: 0; }
        blockquote { border-left: 4px solid #d9dee4; padding-left: 1em; color: #5d6b78; margin-left: 0; }
        img { max-width: 100%; }
        table { border-collapse: collapse; } th, td { border: 1px solid #d9dee4; padding: .3em .6em; }
        hr { border: 0; border-top: 1px solid #d9dee4; }
        """
}
