using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.CompilerServices;

namespace Vigil.Cli.Hosting;

/// <summary>
/// Old spellings that keep working for one release: an option's former name, or an input once given as a positional
/// argument. Using one prints a note on stderr naming the spelling to use instead (README: "Deprecated spellings").
/// </summary>
internal static class Deprecations
{
    private static readonly ConditionalWeakTable<Symbol, OldSpelling> Registered = new();

    private sealed record OldSpelling(string Name, string Instead);

    /// <summary>Also accepts <paramref name="oldName"/> for <paramref name="option"/>, with a deprecation note.</summary>
    public static TOption WithOldName<TOption>(this TOption option, string oldName) where TOption : Option
    {
        option.Aliases.Add(oldName);
        Registered.AddOrUpdate(option, new OldSpelling(oldName, option.Name));
        return option;
    }

    /// <summary>A hidden positional argument that still works, with a note to use <paramref name="instead"/>.</summary>
    public static Argument<string[]> OldPositional(string name, string instead)
    {
        var argument = new Argument<string[]>(name) { Arity = ArgumentArity.ZeroOrMore, Hidden = true };
        Registered.AddOrUpdate(argument, new OldSpelling($"giving {name} without an option", instead));
        return argument;
    }

    public static void Report(ParseResult parse, string command, TextWriter error)
    {
        for (SymbolResult? r = parse.CommandResult; r is CommandResult c; r = c.Parent)
        foreach (var child in c.Children)
        {
            var (symbol, used) = child switch
            {
                OptionResult o => (o.Option, o.IdentifierToken?.Value),
                ArgumentResult a when a.Tokens.Count > 0 => ((Symbol)a.Argument, (string?)null),
                _ => (null!, null),
            };
            if (symbol is null || !Registered.TryGetValue(symbol, out var old)) continue;
            if (child is OptionResult && used != old.Name) continue;
            error.WriteLine($"{command}: {old.Name} is deprecated and goes in the next release; use {old.Instead}.");
        }
    }
}
