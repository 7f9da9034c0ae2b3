using Vigil.Bench;

return args switch
{
    ["ingest", .. var rest] => IngestBenchmark.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Vigil.Bench ingest [--posts N] [--seed S] [--batch B] [--folder DIR]");
    return 2;
}
