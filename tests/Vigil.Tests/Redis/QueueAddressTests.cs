using Vigil.Redis;

namespace Vigil.Tests.Redis;

public sealed class QueueAddressTests
{
    [Fact]
    public void Reads_host_port_database_stream_and_credentials_and_never_prints_the_password()
    {
        var address = QueueAddress.Parse("redis://default:p%40ss%3Aw0rd@10.0.0.5:6380/2?stream=work:posts");

        Assert.Equal(("10.0.0.5", 6380, 2, "work:posts", true), (address.Host, address.Port, address.Database, address.Stream, address.HasPassword));
        var configuration = address.Configuration();
        Assert.Equal(("default", "p@ss:w0rd"), (configuration.User, configuration.Password));
        Assert.Equal("redis://:***@10.0.0.5:6380/2?stream=work:posts", address.ToString());
    }

    [Fact]
    public void Defaults_to_port_6379_database_0_and_the_vigil_stream()
    {
        var address = QueueAddress.Parse("redis://localhost", NoEnvironment);

        Assert.Equal((6379, 0, QueueAddress.DefaultStream, false), (address.Port, address.Database, address.Stream, address.HasPassword));
        Assert.Equal("redis://localhost:6379/0?stream=vigil:posts", address.ToString());
    }

    [Fact]
    public void An_address_without_a_password_takes_it_from_REDISCLI_AUTH_and_one_in_the_address_wins()
    {
        string? Environment(string name) => name == QueueAddress.PasswordVariable ? "from-env" : null;

        var fromEnvironment = QueueAddress.Parse("redis://host:6380", Environment);
        Assert.True(fromEnvironment.HasPassword);
        Assert.Equal("from-env", fromEnvironment.Configuration().Password);
        Assert.Equal("redis://:***@host:6380/0?stream=vigil:posts", fromEnvironment.ToString());
        Assert.Equal("in-url", QueueAddress.Parse("redis://:in-url@host:6380", Environment).Configuration().Password);
    }

    private static string? NoEnvironment(string name) => null;

    [Theory]
    [InlineData("http://:secret@host:6379")]
    [InlineData("redis://:secret@host:6379/x")]
    [InlineData("redis://:secret@host:6379/0?maxlen=5")]
    [InlineData("localhost:6379")]
    public void A_malformed_address_is_named_without_its_password(string text)
    {
        var error = Assert.Throws<FormatException>(() => QueueAddress.Parse(text));

        Assert.StartsWith("--queue: ", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }
}
