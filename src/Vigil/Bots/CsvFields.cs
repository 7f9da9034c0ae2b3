using System.Text;

namespace Vigil.Bots;

/// <summary>Splits one CSV line (RFC 4180 quoting, no embedded newlines): enough for the research bot sets.</summary>
internal static class CsvFields
{
    public static void Split(string line, List<string> into)
    {
        into.Clear();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { into.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        into.Add(field.ToString());
    }
}
