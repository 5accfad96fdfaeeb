namespace Orders.Domain;

/// <summary>Discounts and shipping: members get 5 %, orders of 100 or more ship free.</summary>
public static class Pricing
{
    public const decimal MemberDiscountPercent = 5m;
    public const decimal FreeShippingFrom = 100m;
    public const decimal ShippingFee = 4.90m;

    public static Money Discount(Order order) =>
        order.Customer.IsMember ? order.Subtotal.Percent(MemberDiscountPercent) : Money.Zero(order.Currency);

    public static Money Shipping(Order order) =>
        order.Subtotal.Amount >= FreeShippingFrom || order.Lines.Count == 0 ? Money.Zero(order.Currency) : new Money(ShippingFee, order.Currency);

    public static Money Total(Order order)
    {
        var discount = Discount(order);
        return order.Subtotal.Add(new Money(-discount.Amount, order.Currency)).Add(Shipping(order));
    }
}
