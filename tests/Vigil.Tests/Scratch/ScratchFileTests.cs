using Vigil.Scratch;

namespace Vigil.Tests.Scratch;

public sealed class ScratchFileTests
{
    private readonly record struct Item(int A, long B, ulong C);

    [Fact]
    public void What_was_appended_reads_back_exactly_from_any_position()
    {
        // More than one write buffer (1 MiB) of items, appended singly and in runs, so reads cross flushed and buffered items.
        var random = new Random(7);
        var expected = new List<Item>();
        using var file = new ScratchFile<Item>();
        while (expected.Count < 150_000)
        {
            var run = new Item[random.Next(1, 2_000)];
            for (var i = 0; i < run.Length; i++) run[i] = new Item(random.Next(), random.NextInt64(), (ulong)random.NextInt64());
            if (run.Length % 2 == 0) file.Add(run);
            else foreach (var item in run) file.Add(item);
            expected.AddRange(run);
        }

        Assert.Equal(expected.Count, file.Count);
        var all = new Item[expected.Count];
        file.Read(0, all);
        Assert.Equal(expected, all);
        for (var k = 0; k < 50; k++)
        {
            var start = random.Next(expected.Count);
            var piece = new Item[random.Next(0, expected.Count - start)];
            file.Read(start, piece);
            Assert.Equal(expected.GetRange(start, piece.Length), piece);
        }
    }

    [Fact]
    public void Reading_past_what_was_written_is_refused()
    {
        using var file = new ScratchFile<int>();
        file.Add([1, 2, 3]);

        Assert.Throws<ArgumentOutOfRangeException>(() => file.Read(2, new int[2]));
    }

    [Fact]
    public void The_file_leaves_nothing_in_the_temporary_folder()
    {
        var temp = Path.Combine(Path.GetTempPath(), "vigil-scratch-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        var previous = Environment.GetEnvironmentVariable("TMPDIR");
        try
        {
            Environment.SetEnvironmentVariable("TMPDIR", temp + "/");
            using (var file = new ScratchFile<int>())
            {
                file.Add(42);
                var back = new int[1];
                file.Read(0, back);
                Assert.Equal(42, back[0]);
            }
            Assert.Empty(Directory.GetFiles(temp));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TMPDIR", previous);
            Directory.Delete(temp, recursive: true);
        }
    }
}
