var app = WebApplication.Create(args);

// The front end: index.html and its script, built by the client stage into wwwroot.
app.UseDefaultFiles();
app.UseStaticFiles();

// The API the page calls.
app.MapGet("/api/hello", () => new Greeting("Hello from the API", Environment.Version.ToString()));

app.Run();

internal sealed record Greeting(string Message, string Runtime);
