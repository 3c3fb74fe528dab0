import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format-time';
import { StatusBadge } from './StatusBadge';
import {
  describeCheck,
  formatBytes,
  type CheckTitle,
  type FactValue,
  type StatusCheck,
} from './status-summary';

/** One dependency: its name, its level (icon and word), and what was measured. */
export function CheckCard({ check }: { check: StatusCheck }) {
  const { t, i18n } = useTranslation('admin');
  const titleId = useId();
  const view = describeCheck(check);
  const language = i18n.resolvedLanguage ?? 'en';
  const title = useCheckTitle()(view.title);
  const value = useFactText(language);
  return (
    <li
      aria-labelledby={titleId}
      className="space-y-2 rounded-md border border-gray-200 p-3 dark:border-gray-700"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={titleId} className="font-semibold break-words">
          {title}
        </h3>
        <StatusBadge level={check.status} />
      </div>
      {/* The server's own line, in English, with the reasons behind an amber or red. */}
      <p lang="en" className="text-sm break-words text-gray-700 dark:text-gray-300">
        <span className="sr-only">{t('status.serverNote')}: </span>
        {check.summary}
      </p>
      {view.facts.length > 0 && (
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          {view.facts.map((fact) => (
            <div key={fact.key} className="contents">
              <dt className="font-medium text-gray-800 dark:text-gray-200">
                {t(`status.facts.${fact.key}`)}
              </dt>
              <dd
                className={
                  fact.value.type === 'code'
                    ? 'mb-1 font-mono break-all sm:mb-0'
                    : 'mb-1 break-words sm:mb-0'
                }
              >
                {value(fact.value)}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

function useCheckTitle(): (title: CheckTitle) => string {
  const { t } = useTranslation('admin');
  return (title) =>
    title.key === 'upstream'
      ? t('status.titles.upstream', { name: title.name })
      : t(`status.titles.${title.key}`);
}

function useFactText(language: string): (value: FactValue) => string {
  const { t } = useTranslation('admin');
  const number = (n: number) => new Intl.NumberFormat(language).format(n);
  return (value) => {
    switch (value.type) {
      case 'ms':
        return t('status.values.ms', { value: number(value.value) });
      case 'noAnswer':
        return t('status.values.noAnswer');
      case 'blocked':
        return t('status.values.blocked');
      case 'text':
        return value.value === 'ollama'
          ? t('providers.ollama')
          : value.value === 'openai'
            ? t('providers.openai')
            : value.value;
      case 'code':
        return value.value;
      case 'count':
        return t('status.values.models', { count: value.value });
      case 'bytes':
        return formatBytes(value.value, language);
      case 'bytesOf':
        return value.percent === null
          ? t('status.values.bytesOf', {
              value: formatBytes(value.value, language),
              total: formatBytes(value.total, language),
            })
          : t('status.values.bytesOfPercent', {
              value: formatBytes(value.value, language),
              total: formatBytes(value.total, language),
              percent: number(value.percent),
            });
      case 'percent':
        return t('status.values.percent', { value: number(value.value) });
      case 'breaker':
        return t(`status.values.breaker.${value.value}`);
      case 'error':
        return value.at
          ? t('status.values.errorAt', {
              code: value.code,
              time: formatDateTime(value.at, language),
            })
          : value.code;
      case 'limits':
        return t('status.values.limits', { amber: number(value.amber), red: number(value.red) });
    }
  };
}
