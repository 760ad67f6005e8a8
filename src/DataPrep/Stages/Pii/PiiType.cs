namespace DataPrep.Stages.Pii;

/// <summary>The kinds of personal data and secrets <see cref="PiiScrubber"/> finds. Each has its own
/// counters (<c>&lt;name&gt;.found</c>, <c>&lt;name&gt;.replaced</c>, names from <see cref="PiiTypes.Name"/>).</summary>
public enum PiiType
{
    /// <summary>E-mail address (<c>email</c>).</summary>
    Email,

    /// <summary>Phone number: Korean mobile, landline, VoIP, representative, +82 and international E.164 forms (<c>phone</c>).</summary>
    Phone,

    /// <summary>Korean resident registration number, 주민등록번호 (<c>rrn</c>).</summary>
    Rrn,

    /// <summary>Korean foreigner registration number, 외국인등록번호 (<c>frn</c>).</summary>
    Frn,

    /// <summary>Korean business registration number, 사업자등록번호 (<c>brn</c>).</summary>
    Brn,

    /// <summary>Payment card number (<c>card</c>).</summary>
    Card,

    /// <summary>IPv4 or IPv6 address (<c>ip</c>).</summary>
    Ip,

    /// <summary>API key, token, private key block or password assignment (<c>key</c>).</summary>
    Key,

    /// <summary>Korean passport number next to a passport keyword (<c>passport</c>).</summary>
    Passport,

    /// <summary>Korean driver's licence number next to a licence keyword (<c>driver_license</c>).</summary>
    DriverLicense,

    /// <summary>Bank account number next to a banking keyword (<c>bank_account</c>).</summary>
    BankAccount,
}
