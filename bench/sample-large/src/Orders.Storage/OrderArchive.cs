using Amazon.S3;
using Amazon.S3.Model;
using Orders.Domain;
using Polly;
using Polly.Retry;

namespace Orders.Storage;

/// <summary>Keeps every order as a JSON document in an S3 bucket, with retries on transient failures.</summary>
public sealed class OrderArchive
{
    private readonly IAmazonS3 s3;
    private readonly string bucket;
    private readonly ResiliencePipeline pipeline;

    public OrderArchive(IAmazonS3 s3, string bucket)
    {
        this.s3 = s3;
        this.bucket = bucket;
        pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = new PredicateBuilder().Handle<AmazonS3Exception>(e => (int)e.StatusCode >= 500),
            })
            .AddTimeout(TimeSpan.FromSeconds(10))
            .Build();
    }

    public static string KeyOf(string orderId) => $"orders/{orderId[..Math.Min(2, orderId.Length)]}/{orderId}.json";

    public Task SaveAsync(Order order, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(
            async token => await s3.PutObjectAsync(
                new PutObjectRequest { BucketName = bucket, Key = KeyOf(order.Id), ContentBody = OrderJson.Write(order), ContentType = "application/json" },
                token),
            cancellationToken).AsTask();

    public async Task<OrderJson.Snapshot?> LoadAsync(string orderId, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(
                async token =>
                {
                    using var response = await s3.GetObjectAsync(bucket, KeyOf(orderId), token);
                    using var reader = new StreamReader(response.ResponseStream);
                    return OrderJson.Read(await reader.ReadToEndAsync(token));
                },
                cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
