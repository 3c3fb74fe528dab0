import { toString as qrSvg } from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/Alert';
import { Spinner } from '../../ui/Spinner';

/**
 * The otpauth:// URL as a QR code: drawn as SVG in the browser (the secret never leaves it) and
 * shown as a data: image, which the CSP allows. Dark on white in both themes, as scanners expect.
 */
export function MfaQrCode({ otpauthUrl, username }: { otpauthUrl: string; username: string }) {
  const { t } = useTranslation('settings');
  const [image, setImage] = useState<{ url: string; src: string } | 'failed' | null>(null);

  useEffect(() => {
    let live = true;
    qrSvg(otpauthUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
      .then((svg) => {
        const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
        if (live) setImage({ url: otpauthUrl, src });
      })
      .catch(() => {
        if (live) setImage('failed');
      });
    return () => {
      live = false;
    };
  }, [otpauthUrl]);

  if (image === 'failed') return <Alert tone="warning">{t('mfa.qrFailed')}</Alert>;
  if (image === null || image.url !== otpauthUrl) return <Spinner />;
  return (
    <img
      src={image.src}
      alt={t('mfa.qrAlt', { username })}
      width={192}
      height={192}
      className="size-48 rounded-md bg-white p-1"
    />
  );
}
