var app = WebApplication.Create(args);

app.MapGet("/", () => "Hello from the web API sample.");
app.MapGet("/time", () => new { utc = DateTime.UtcNow, zone = TimeZoneInfo.Local.Id });

app.Run();
