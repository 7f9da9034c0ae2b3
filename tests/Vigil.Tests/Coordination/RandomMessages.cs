using Vigil.Coordination;

namespace Vigil.Tests.Coordination;

/// <summary>Small random message sets dense enough in shared items, texts and times that every co-action type fires.</summary>
internal static class RandomMessages
{
    private static readonly string[] Words = ["free", "speech", "Vote", "now", "the", "truth", "is", "out", "don't", "3,000", "wake", "up", "!", "…", "🙂"];

    public static List<CoordinationMessage> Generate(Random random, int count)
    {
        var users = random.Next(3, 12);
        var messages = new List<CoordinationMessage>(count);
        for (var i = 0; i < count; i++)
        {
            var words = new List<string>();
            for (var w = random.Next(0, 7); w > 0; w--) words.Add(Words[random.Next(Words.Length)]);
            if (random.Next(4) == 0) words.Insert(random.Next(words.Count + 1), "@user" + random.Next(5));
            var separator = random.Next(5) == 0 ? "  " : " ";
            var text = string.Join(separator, words);
            if (random.Next(3) == 0) text = text.ToUpperInvariant();
            var urls = new string[random.Next(0, 3)];
            for (var u = 0; u < urls.Length; u++) urls[u] = "https://x.example/" + random.Next(6);
            var time = random.Next(3) == 0 ? random.Next(0, 300) + random.Next(4) * 0.25 : random.Next(0, 300);
            messages.Add(new CoordinationMessage(
                "m" + i,
                "u" + random.Next(users),
                "user",
                random.Next(3) == 0 ? "p" + random.Next(6) : null,
                random.Next(3) == 0 ? "r" + random.Next(6) : null,
                text,
                time,
                urls));
        }
        return messages;
    }
}
