using Amazon.SQS;
using Amazon.SQS.Model;
using Orders.Domain;
using Orders.Storage;

namespace Orders.Worker;

/// <summary>Takes "order paid" messages off the queue, ships each order and archives it.</summary>
public sealed class ShippingWorker : BackgroundService
{
    private readonly IAmazonSQS sqs;
    private readonly string queueUrl;
    private readonly InMemoryOrders orders;
    private readonly OrderArchive archive;
    private readonly ILogger<ShippingWorker> logger;

    public ShippingWorker(IAmazonSQS sqs, IConfiguration configuration, InMemoryOrders orders, OrderArchive archive, ILogger<ShippingWorker> logger)
    {
        this.sqs = sqs;
        queueUrl = configuration["Shipping:QueueUrl"] ?? "http://127.0.0.1:9324/queue/orders-paid";
        this.orders = orders;
        this.archive = archive;
        this.logger = logger;
    }

    public int Shipped { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 20 }, stoppingToken);
                foreach (var message in batch.Messages ?? new List<Message>())
                {
                    await ShipAsync(OrderJson.Read(message.Body), stoppingToken);
                    await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Receiving from {QueueUrl} failed; trying again shortly", queueUrl);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    private async Task ShipAsync(OrderJson.Snapshot paid, CancellationToken cancellationToken)
    {
        if (orders.Find(paid.Id) is not { Status: OrderStatus.Paid } order)
        {
            logger.LogInformation("Order {OrderId} is not held here or not paid; skipped", paid.Id);
            return;
        }

        order.Ship(DateTimeOffset.UtcNow);
        await archive.SaveAsync(order, cancellationToken);
        Shipped++;
    }
}
