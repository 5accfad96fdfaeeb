using FluentValidation;
using Orders.Domain;

namespace Orders.Api;

public sealed record NewOrder(string CustomerId, string CustomerName, string Email, bool Member, IReadOnlyList<NewLine> Lines);

public sealed record NewLine(string Sku, int Quantity);

public sealed class NewOrderValidator : AbstractValidator<NewOrder>
{
    public NewOrderValidator()
    {
        RuleFor(o => o.CustomerId).NotEmpty().MaximumLength(40);
        RuleFor(o => o.CustomerName).NotEmpty().MaximumLength(200);
        RuleFor(o => o.Email).NotEmpty().EmailAddress();
        RuleFor(o => o.Lines).NotEmpty();
        RuleForEach(o => o.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Sku).Must(sku => Catalog.Skus.Contains(sku)).WithMessage("Unknown product {PropertyValue}.");
            line.RuleFor(l => l.Quantity).InclusiveBetween(1, 99);
        });
    }
}
