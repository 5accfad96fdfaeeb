using Bench.Core;

var app = WebApplication.Create(args);
app.MapGet("/", () => "Hello from Bench.Api");
app.MapGet("/ago/{minutes:int}", (int minutes) => Durations.Describe(minutes));
app.Run();
