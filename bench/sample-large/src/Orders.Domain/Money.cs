namespace Orders.Domain;

/// <summary>An amount in one currency, rounded to cents.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    public Money Add(Money other)
    {
        if (!string.Equals(Currency, other.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot add {other.Currency} to {Currency}.");
        }

        return new Money(Math.Round(Amount + other.Amount, 2, MidpointRounding.ToEven), Currency);
    }

    public Money Times(int quantity) => new(Math.Round(Amount * quantity, 2, MidpointRounding.ToEven), Currency);

    public Money Percent(decimal percent) => new(Math.Round(Amount * percent / 100m, 2, MidpointRounding.ToEven), Currency);

    public override string ToString() => $"{Amount:0.00} {Currency}";
}
