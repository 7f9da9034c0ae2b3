using Vigil.Bench;

return args switch
{
    ["ingest", .. var rest] => await IngestBenchmark.RunAsync(rest),
    ["amplifier-store", .. var rest] => await AmplifierStoreBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Vigil.Bench ingest [--posts N] [--seed S] [--batch B] [--folder DIR]");
    Console.Error.WriteLine("       Vigil.Bench amplifier-store [--posts N] [--seed S] [--folder DIR]");
    return 2;
}
