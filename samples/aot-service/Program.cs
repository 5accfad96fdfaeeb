using System.Text.Json.Serialization;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default));

var app = builder.Build();
app.MapGet("/", () => "Hello from the Native AOT sample.");
app.MapGet("/status", () => new Status("ok", Environment.ProcessId));
app.MapGet("/healthz", () => "healthy");
app.Run();

public sealed record Status(string State, int ProcessId);

[JsonSerializable(typeof(Status))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
