var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddHostedService<Ticker>();
builder.Build().Run();

/// <summary>Logs a line at a configurable interval until the host stops.</summary>
sealed class Ticker(ILogger<Ticker> logger, IConfiguration configuration) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Worker:IntervalSeconds", 10));
        logger.LogInformation("Worker sample started; ticking every {Interval}.", interval);
        using var timer = new PeriodicTimer(interval);
        do
        {
            logger.LogInformation("Tick at {Time:O}", DateTimeOffset.UtcNow);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
