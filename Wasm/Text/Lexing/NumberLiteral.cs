using System;
using System.Globalization;
using System.Numerics;

namespace WasGo.Wasm.Text.Lexing;

/// <summary>Parses the integer and float literals of the text format. Each method returns false on malformed or out-of-range text.</summary>
internal static class NumberLiteral
{
    /// <summary>Parses an unsigned integer (decimal or <c>0x</c> hex, <c>_</c> between digits) no larger than <paramref name="max"/>.</summary>
    public static bool TryParseUnsigned(ReadOnlySpan<char> text, ulong max, out ulong value)
    {
        value = 0;
        var radix = 10;
        if (text.Length > 2 && text[0] == '0' && text[1] == 'x')
        {
            radix = 16;
            text = text[2..];
        }

        if (text.Length == 0 || text[0] == '_' || text[^1] == '_')
        {
            return false;
        }

        var previousUnderscore = false;
        foreach (var c in text)
        {
            if (c == '_')
            {
                if (previousUnderscore)
                {
                    return false;
                }

                previousUnderscore = true;
                continue;
            }

            previousUnderscore = false;
            int digit;
            if (c is >= '0' and <= '9')
            {
                digit = c - '0';
            }
            else if (radix == 16 && Lexer.IsHex(c))
            {
                digit = Lexer.HexValue(c);
            }
            else
            {
                return false;
            }

            if (value > (max - (ulong)digit) / (ulong)radix)
            {
                return false;
            }

            value = value * (ulong)radix + (ulong)digit;
        }

        return true;
    }

    /// <summary>Parses an integer literal for a <paramref name="bits"/>-wide value: signed or unsigned range, wrapped to the width.</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, int bits, out long value)
    {
        value = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == '+' || text[0] == '-'))
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        var unsignedMax = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        var max = negative ? 1UL << (bits - 1) : unsignedMax;
        if (!TryParseUnsigned(text, max, out var magnitude))
        {
            return false;
        }

        var result = negative ? 0 - magnitude : magnitude;
        value = bits == 64 ? (long)result : (int)(uint)result;
        return true;
    }

    /// <summary>Whether <paramref name="text"/> has the shape of an integer literal (its value may still be out of range).</summary>
    public static bool IsIntegerSyntax(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && (text[0] == '+' || text[0] == '-'))
        {
            text = text[1..];
        }

        var hex = text.StartsWith("0x") && text.Length > 2;
        if (hex)
        {
            text = text[2..];
        }

        var length = ScanDigits(text, hex, out var ok);
        return ok && length > 0 && length == text.Length;
    }

    /// <summary>Whether <paramref name="text"/> has the shape of a float literal (its value may still be out of range).</summary>
    public static bool IsFloatSyntax(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && (text[0] == '+' || text[0] == '-'))
        {
            text = text[1..];
        }

        if (text.StartsWith("nan:0x"))
        {
            return IsIntegerSyntax(text[4..]);
        }

        // Out of range is the only failure left once the digits are well placed: replace the value by a tiny one.
        return TryParseFloat(MakeTiny(text), 52, 11, out _);
    }

    private static string MakeTiny(ReadOnlySpan<char> text)
    {
        var hex = text.StartsWith("0x");
        var marker = hex ? "pP" : "eE";
        var cut = text.IndexOfAny(marker);
        var mantissa = cut >= 0 ? text[..cut] : text;
        var exponent = cut >= 0 ? text[(cut + 1)..] : "0";
        var exponentDigits = ScanDigits(exponent.Length > 0 && (exponent[0] == '+' || exponent[0] == '-') ? exponent[1..] : exponent, false, out var ok);
        var expectedLength = exponent.Length > 0 && (exponent[0] == '+' || exponent[0] == '-') ? exponent.Length - 1 : exponent.Length;
        if (!ok || exponentDigits == 0 || exponentDigits != expectedLength)
        {
            return text.ToString();
        }

        return $"{mantissa}{marker[0]}-1";
    }

    /// <summary>Parses an <c>f32</c> literal into its bit pattern.</summary>
    public static bool TryParseF32(ReadOnlySpan<char> text, out uint bits)
    {
        var ok = TryParseFloat(text, 23, 8, out var raw);
        bits = (uint)raw;
        return ok;
    }

    /// <summary>Parses an <c>f64</c> literal into its bit pattern.</summary>
    public static bool TryParseF64(ReadOnlySpan<char> text, out ulong bits) => TryParseFloat(text, 52, 11, out bits);

    private static bool TryParseFloat(ReadOnlySpan<char> text, int mantissaBits, int exponentBits, out ulong bits)
    {
        bits = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == '+' || text[0] == '-'))
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        var signBit = negative ? 1UL << (mantissaBits + exponentBits) : 0;
        var exponentMask = ((1UL << exponentBits) - 1) << mantissaBits;
        if (text.SequenceEqual("inf"))
        {
            bits = signBit | exponentMask;
            return true;
        }

        if (text.SequenceEqual("nan"))
        {
            bits = signBit | exponentMask | (1UL << (mantissaBits - 1));
            return true;
        }

        if (text.StartsWith("nan:0x"))
        {
            if (!TryParseUnsigned(text[4..], (1UL << mantissaBits) - 1, out var payload) || payload == 0)
            {
                return false;
            }

            bits = signBit | exponentMask | payload;
            return true;
        }

        ulong magnitude;
        if (text.Length > 2 && text[0] == '0' && text[1] == 'x')
        {
            if (!TryParseHexFloat(text[2..], mantissaBits, exponentBits, out magnitude))
            {
                return false;
            }
        }
        else if (!TryParseDecimalFloat(text, mantissaBits, out magnitude))
        {
            return false;
        }

        bits = signBit | magnitude;
        return true;
    }

    /// <summary>Checks a digit run with optional single underscores between digits; returns its length.</summary>
    private static int ScanDigits(ReadOnlySpan<char> text, bool hex, out bool ok)
    {
        var i = 0;
        ok = true;
        var previousDigit = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is >= '0' and <= '9' || (hex && Lexer.IsHex(c)))
            {
                previousDigit = true;
            }
            else if (c == '_')
            {
                if (!previousDigit || i + 1 >= text.Length || !(text[i + 1] is >= '0' and <= '9' || (hex && Lexer.IsHex(text[i + 1]))))
                {
                    ok = false;
                }

                previousDigit = false;
            }
            else
            {
                break;
            }

            i++;
        }

        return i;
    }

    private static bool TryParseDecimalFloat(ReadOnlySpan<char> text, int mantissaBits, out ulong bits)
    {
        bits = 0;
        var i = ScanDigits(text, false, out var ok);
        if (i == 0 || !ok)
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            var n = ScanDigits(text[i..], false, out ok);
            if (!ok)
            {
                return false;
            }

            i += n;
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            var n = ScanDigits(text[i..], false, out ok);
            if (n == 0 || !ok)
            {
                return false;
            }

            i += n;
        }

        if (i != text.Length)
        {
            return false;
        }

        var clean = text.ToString().Replace("_", string.Empty, StringComparison.Ordinal);
        if (mantissaBits == 23)
        {
            var value = float.Parse(clean, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (float.IsInfinity(value))
            {
                return false;
            }

            bits = BitConverter.SingleToUInt32Bits(value);
        }
        else
        {
            var value = double.Parse(clean, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(value))
            {
                return false;
            }

            bits = BitConverter.DoubleToUInt64Bits(value);
        }

        return true;
    }

    private static bool TryParseHexFloat(ReadOnlySpan<char> text, int mantissaBits, int exponentBits, out ulong bits)
    {
        bits = 0;
        var intLength = ScanDigits(text, true, out var ok);
        if (intLength == 0 || !ok)
        {
            return false;
        }

        var i = intLength;
        var fracStart = -1;
        var fracLength = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fracStart = i;
            fracLength = ScanDigits(text[i..], true, out ok);
            if (!ok)
            {
                return false;
            }

            i += fracLength;
        }

        BigInteger exponent = 0;
        if (i < text.Length && (text[i] == 'p' || text[i] == 'P'))
        {
            i++;
            var negativeExponent = false;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                negativeExponent = text[i] == '-';
                i++;
            }

            var n = ScanDigits(text[i..], false, out ok);
            if (n == 0 || !ok)
            {
                return false;
            }

            foreach (var c in text.Slice(i, n))
            {
                if (c != '_' && exponent < 100_000)
                {
                    exponent = exponent * 10 + (c - '0');
                }
            }

            if (negativeExponent)
            {
                exponent = -exponent;
            }

            i += n;
        }

        if (i != text.Length)
        {
            return false;
        }

        // Accumulate up to 60 significant bits; the rest only matters as a sticky bit.
        ulong mantissa = 0;
        var exp2 = (long)exponent;
        var sticky = false;
        void Digit(int d, bool fractional)
        {
            if (mantissa >> 56 == 0)
            {
                mantissa = (mantissa << 4) | (uint)d;
                if (fractional)
                {
                    exp2 -= 4;
                }
            }
            else
            {
                sticky |= d != 0;
                if (!fractional)
                {
                    exp2 += 4;
                }
            }
        }

        foreach (var c in text[..intLength])
        {
            if (c != '_')
            {
                Digit(Lexer.HexValue(c), false);
            }
        }

        if (fracStart >= 0)
        {
            foreach (var c in text.Slice(fracStart, fracLength))
            {
                if (c != '_')
                {
                    Digit(Lexer.HexValue(c), true);
                }
            }
        }

        return TryRound(mantissa, exp2, sticky, mantissaBits, exponentBits, out bits);
    }

    /// <summary>Rounds mantissa × 2^exp2 (plus a sticky fraction) to nearest-even in the given format; false on overflow.</summary>
    private static bool TryRound(ulong mantissa, long exp2, bool sticky, int mantissaBits, int exponentBits, out ulong bits)
    {
        bits = 0;
        if (mantissa == 0)
        {
            return true;
        }

        var bias = (1L << (exponentBits - 1)) - 1;
        var minExponent = 1 - bias;
        var msb = 63 - BitOperations.LeadingZeroCount(mantissa);
        var exponent = msb + exp2;
        if (exponent > bias + 1)
        {
            return false;
        }

        long shift = exponent >= minExponent ? msb - mantissaBits : minExponent - mantissaBits - exp2;
        ulong q;
        if (shift > 0)
        {
            ulong remainder;
            ulong half;
            if (shift >= 64)
            {
                q = 0;
                remainder = mantissa;
                half = shift == 64 ? 1UL << 63 : 0;
                sticky |= shift > 64 && mantissa != 0;
                if (shift > 64)
                {
                    remainder = 0;
                }
            }
            else
            {
                q = mantissa >> (int)shift;
                remainder = mantissa & ((1UL << (int)shift) - 1);
                half = 1UL << ((int)shift - 1);
            }

            var roundUp = half != 0 && (remainder > half || (remainder == half && (sticky || (q & 1) != 0)));
            if (roundUp)
            {
                q++;
            }
        }
        else
        {
            q = mantissa << (int)-shift;
        }

        var scale = exp2 + shift;
        if (q >> (mantissaBits + 1) != 0)
        {
            q >>= 1;
            scale++;
        }

        if (q >> mantissaBits == 0)
        {
            bits = q;
            return true;
        }

        var biased = scale + mantissaBits + bias;
        if (biased >= (1L << exponentBits) - 1)
        {
            return false;
        }

        bits = ((ulong)biased << mantissaBits) | (q & ((1UL << mantissaBits) - 1));
        return true;
    }
}
