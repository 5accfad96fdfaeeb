#if (aot)
using System.Text.Json.Serialization;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonSerializerContext.Default));
#else
var builder = WebApplication.CreateBuilder(args);
#endif

var app = builder.Build();

app.MapGet("/", () => "Hello from Company.WebApplication1!");
app.MapGet("/healthz", () => new HealthReport("Healthy", DateTimeOffset.UtcNow));

app.Run();

internal sealed record HealthReport(string Status, DateTimeOffset CheckedAt);
#if (aot)

// Native AOT has no reflection-based JSON: the serializer code for the API's types is generated at compile time.
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class AppJsonSerializerContext : JsonSerializerContext
{
}
#endif
