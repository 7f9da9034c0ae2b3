using Vigil.Postgres;
using Vigil.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Postgres;

public sealed class PostgresLocationTests
{
    [Theory]
    [InlineData("postgresql://u:p@h:5433/db", true)]
    [InlineData("postgres://h/db", true)]
    [InlineData("Host=h;Username=u;Password=p;Database=db", true)]
    [InlineData("server=h;database=db", true)]
    [InlineData("vigil.db", false)]
    [InlineData("data/a=b.db", false)]
    [InlineData("redis://h:6379", false)]
    public void Recognises_urls_and_connection_strings_naming_a_host(string location, bool expected) =>
        Assert.Equal(expected, PostgresLocation.Recognises(location));

    [Fact]
    public void A_url_becomes_the_connection_string_it_stands_for()
    {
        var builder = PostgresLocation.Parse("postgresql://vig%40il:p%3Ass%2Fw@db.example:5433/vigil%20db?sslmode=require&search_path=tenant&Timeout=7");

        Assert.Equal(("db.example", 5433, "vig@il", "p:ss/w", "vigil db"), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
        Assert.Equal(Npgsql.SslMode.Require, builder.SslMode);
        Assert.Equal("tenant", builder.SearchPath);
        Assert.Equal(7, builder.Timeout);
    }

    [Theory]
    [InlineData("postgresql://vigil:s3cret@127.0.0.1:5432/vigil", "postgresql://vigil:***@127.0.0.1:5432/vigil")]
    [InlineData("postgresql://127.0.0.1/vigil", "postgresql://127.0.0.1/vigil")]
    [InlineData("Host=h;Password=s3cret;Database=d", "host=h;password=***;database=d")]
    public void Descriptions_mask_the_password(string location, string described) =>
        Assert.Equal(described, PostgresLocation.Describe(location));

    [Fact]
    public void A_bad_parameter_is_named_without_the_password()
    {
        var e = Assert.Throws<FormatException>(() => PostgresLocation.Parse("postgresql://u:s3cret@h/db?no_such_option=1"));
        Assert.DoesNotContain("s3cret", e.Message);
        Assert.Contains("no_such_option", e.Message);
    }

    [Fact]
    public void Without_the_backend_a_connection_string_is_refused_not_taken_for_a_file_name()
    {
        // VigilDatabase sees no backend in a process that has not registered one; this test process may have, so it
        // asks the form check directly through a scheme no backend claims.
        var e = Assert.Throws<NotSupportedException>(() => VigilDatabase.Open("mysql://u:s3cret@h/db", DatabaseAccess.Existing));
        Assert.DoesNotContain("s3cret", e.Message);
    }

    [PostgresFact]
    public async Task An_existing_database_without_a_vigil_schema_is_not_found_and_not_created()
    {
        await using var schema = PostgresTestSchema.Create();
        VigilDatabase.Register(PostgresBackend.Instance);

        await using (var database = VigilDatabase.Open(schema.ConnectionString, DatabaseAccess.Existing))
            await Assert.ThrowsAsync<FileNotFoundException>(() => database.StoreAsync());
        await using (var database = VigilDatabase.Open(schema.ConnectionString, DatabaseAccess.CreateIfMissing))
        {
            Assert.DoesNotContain(new Npgsql.NpgsqlConnectionStringBuilder(schema.ConnectionString).Password!, database.Location);
            Assert.Null(database.SqlitePath);
            Assert.Equal(0, (await (await database.StoreAsync()).GetStatsAsync()).Posts);
        }
        await using (var database = VigilDatabase.Open(schema.ConnectionString, DatabaseAccess.Existing))
            Assert.Null(await (await database.LogAsync()).HeadAsync());
    }

    [PostgresFact]
    public async Task A_database_that_cannot_be_reached_is_an_io_error_naming_it_without_the_password()
    {
        var builder = PostgresLocation.Parse(Services.Postgres);
        builder.Password = "wrong-password";
        await using var database = new PostgresDatabase(builder.ConnectionString, DatabaseAccess.Existing);

        var e = await Assert.ThrowsAsync<IOException>(() => database.OpenStoreAsync(CancellationToken.None));
        Assert.DoesNotContain("wrong-password", e.Message);
        Assert.Contains("cannot open the database", e.Message);
    }
}
