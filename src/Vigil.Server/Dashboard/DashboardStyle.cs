using System.Globalization;

namespace Vigil.Server.Dashboard;

/// <summary>The pages' one stylesheet, inline (the pages load nothing else), and how they write times.</summary>
public static class DashboardStyle
{
    public const string Css = """
        body { font-family: "DejaVu Sans", system-ui, sans-serif; margin: 0; color: #1b1b1b; line-height: 1.4; font-size: 15px; }
        .bar { display: flex; gap: 1rem; align-items: center; background: #1f3b5c; color: #fff; padding: .4rem 1rem; }
        .bar a { color: #fff; margin-right: .8rem; } .bar nav { flex: 1; } .bar form { margin: 0; }
        main { max-width: 72rem; margin: 0 auto; padding: .5rem 1rem 2rem; }
        h1 { font-size: 1.4rem; margin: .6rem 0 .4rem; }
        .context { color: #444; margin: .2rem 0 .6rem; }
        .headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .5rem; margin: .4rem 0 .8rem; }
        .headline div { border-left: 4px solid #1f5fa8; padding: .1rem .6rem; }
        .headline dt { font-size: 1.5rem; font-weight: bold; } .headline dd { margin: 0; font-size: .85rem; }
        .headline span { color: #555; white-space: nowrap; }
        figure.chart { margin: .5rem 0; } figure.chart svg { max-width: 100%; height: auto; } figcaption { font-size: .85rem; color: #444; }
        .item { border: 1px solid #ccc; border-radius: 4px; padding: .5rem .8rem; margin: .6rem 0; }
        .item header { display: flex; flex-wrap: wrap; gap: .9rem; font-size: .85rem; color: #333; }
        .rank { font-weight: bold; } .escalated { color: #a05a00; font-weight: bold; }
        .post-text { font-size: 1rem; margin: .4rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
        mark { background: #ffd54f; padding: 0 .1rem; }
        .meta { font-size: .85rem; color: #444; margin: .2rem 0; }
        .actions form { display: inline-flex; gap: .4rem; margin: .3rem .8rem .1rem 0; flex-wrap: wrap; }
        button { cursor: pointer; } button.approve { background: #8e1b1b; color: #fff; border: 0; padding: .2rem .6rem; }
        table { border-collapse: collapse; margin: .8rem 0; font-size: .85rem; display: block; overflow-x: auto; }
        caption { text-align: left; font-style: italic; color: #444; }
        th, td { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; vertical-align: top; } th { background: #eee; }
        .notice { background: #eef4fb; border-left: 4px solid #1f5fa8; padding: .4rem .6rem; }
        .error { color: #8e1b1b; font-weight: bold; }
        .login { display: grid; gap: .5rem; max-width: 32rem; }
        """;
}

/// <summary>Times as the pages show them: UTC, to the minute.</summary>
public static class Format
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
