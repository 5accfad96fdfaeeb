namespace Orders.Domain;

public enum OrderStatus
{
    Draft,
    Placed,
    Paid,
    Shipped,
    Cancelled,
}

public sealed record OrderLine(string Sku, string Name, int Quantity, Money UnitPrice)
{
    public Money Total => UnitPrice.Times(Quantity);
}

public sealed record Customer(string Id, string Name, string Email, bool IsMember);

/// <summary>An order and the rules for moving it from one status to the next.</summary>
public sealed class Order
{
    private readonly List<OrderLine> lines = new();

    public Order(string id, Customer customer, DateTimeOffset createdAt, string currency = "EUR")
    {
        Id = id;
        Customer = customer;
        CreatedAt = createdAt;
        Currency = currency;
    }

    public string Id { get; }

    public Customer Customer { get; }

    public DateTimeOffset CreatedAt { get; }

    public string Currency { get; }

    public OrderStatus Status { get; private set; } = OrderStatus.Draft;

    public DateTimeOffset? ShippedAt { get; private set; }

    public IReadOnlyList<OrderLine> Lines => lines;

    public Money Subtotal => lines.Aggregate(Money.Zero(Currency), (sum, line) => sum.Add(line.Total));

    public Money Total => Pricing.Total(this);

    public void Add(OrderLine line)
    {
        Require(OrderStatus.Draft, "add lines");
        if (line.Quantity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(line), "A line needs a positive quantity.");
        }

        if (!string.Equals(line.UnitPrice.Currency, Currency, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The order is in {Currency}, the line in {line.UnitPrice.Currency}.", nameof(line));
        }

        var existing = lines.FindIndex(l => l.Sku == line.Sku);
        if (existing >= 0)
        {
            lines[existing] = lines[existing] with { Quantity = lines[existing].Quantity + line.Quantity };
        }
        else
        {
            lines.Add(line);
        }
    }

    public void Place()
    {
        Require(OrderStatus.Draft, "place it");
        if (lines.Count == 0)
        {
            throw new InvalidOperationException("An order without lines cannot be placed.");
        }

        Status = OrderStatus.Placed;
    }

    public void Pay()
    {
        Require(OrderStatus.Placed, "pay it");
        Status = OrderStatus.Paid;
    }

    public void Ship(DateTimeOffset when)
    {
        Require(OrderStatus.Paid, "ship it");
        Status = OrderStatus.Shipped;
        ShippedAt = when;
    }

    public void Cancel()
    {
        if (Status is OrderStatus.Shipped or OrderStatus.Cancelled)
        {
            throw new InvalidOperationException($"A {Status.ToString().ToLowerInvariant()} order cannot be cancelled.");
        }

        Status = OrderStatus.Cancelled;
    }

    private void Require(OrderStatus status, string action)
    {
        if (Status != status)
        {
            throw new InvalidOperationException($"Order {Id} is {Status}; it must be {status} to {action}.");
        }
    }
}
