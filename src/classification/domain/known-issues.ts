/**
 * The seven issues partners most often report when asking for an MFA technical exception, as data.
 *
 * Source: the partner-program page "Mandating MFA for your partner tenant" (the Japanese seed document,
 * sections 問題 1 to 問題 7). The seed is a machine translation, so the wording here restates its
 * facts rather than copying its sentences. Nothing in this file may import a framework: the classifier,
 * the API and the tests all read the same catalogue.
 */

export type Locale = 'en' | 'ja';
export type KnownIssueNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type Eligibility = 'not_valid' | 'may_be_valid';

export interface LocalizedText {
  readonly en: string;
  readonly ja: string;
}

/** `field` is a path into the exception request body (e.g. `thirdPartyMfa.provider`). */
export interface RequiredDetail {
  readonly field: string;
  readonly description: LocalizedText;
}

export interface KnownIssue {
  readonly number: KnownIssueNumber;
  readonly eligibility: Eligibility;
  readonly title: LocalizedText;
  readonly situation: LocalizedText;
  readonly guidance: LocalizedText;
  readonly requiredDetails: readonly RequiredDetail[];
}

export interface KnownIssueView {
  number: KnownIssueNumber;
  title: string;
  situation: string;
  eligibility: Eligibility;
  guidance: string;
  requiredDetails: { field: string; description: string }[];
}

// Issues 2 and 3 are answered in the seed with the same sentence, for the same reason.
const UNAFFECTED_BY_CROSS_TENANT_MFA: LocalizedText = {
  en:
    'No exception is needed. These accounts do not use delegated admin privileges to manage customer resources, ' +
    'so they never sign in to customer tenants and are not affected by Azure AD requiring MFA verification at ' +
    'customer-tenant sign-in.',
  ja:
    '技術的な例外は必要ありません。これらのアカウントは顧客リソースの管理に委任された管理者特権を使用しないため、' +
    '顧客テナントにサインインすることがなく、顧客テナントへのサインイン時に MFA の検証を求める Azure AD の要件の影響を受けません。',
};

const CATALOGUE: KnownIssue[] = [
  {
    number: 1,
    eligibility: 'not_valid',
    title: {
      en: 'More time needed to roll out MFA for partner agents',
      ja: 'パートナーエージェントへの MFA 導入に時間が必要',
    },
    situation: {
      en:
        'The partner has not started, or not finished, rolling out MFA for the agents who use delegated admin ' +
        'privileges to manage customer resources through Microsoft Online Services portals, and needs more time.',
      ja:
        '委任された管理者特権を使って Microsoft Online Services ポータルから顧客リソースを管理するパートナーエージェントについて、' +
        'MFA の導入に着手していない、または完了しておらず、完了までにさらに時間が必要です。',
    },
    guidance: {
      en:
        'Roll out MFA for these agents to avoid disruption. In the meantime they can keep using delegated admin ' +
        'privileges as long as they complete MFA registration and MFA verification when prompted at sign-in to a ' +
        'customer tenant. Completing MFA registration does not turn MFA on for the user.',
      ja:
        '業務への支障を避けるため、これらのエージェントに MFA を導入してください。導入が完了するまでの間も、' +
        '顧客テナントへのサインイン時に求められる MFA の登録と検証を完了すれば、委任された管理者特権を引き続き利用できます。' +
        'MFA の登録を完了しても、そのユーザーの MFA が自動的に有効になることはありません。',
    },
    requiredDetails: [],
  },
  {
    number: 2,
    eligibility: 'not_valid',
    title: {
      en: 'MFA not yet rolled out for users who do not use delegated admin privileges',
      ja: '委任された管理者特権を使用しないユーザーへの MFA が未導入',
    },
    situation: {
      en:
        'The partner tenant has users who never need delegated admin privileges to manage customer resources. ' +
        'MFA is still being rolled out for them and the partner needs more time.',
      ja:
        'パートナーテナントには、委任された管理者特権を使って顧客リソースを管理する必要のないユーザーがいます。' +
        'これらのユーザーへの MFA 導入を進めていますが、完了までにさらに時間が必要です。',
    },
    guidance: UNAFFECTED_BY_CROSS_TENANT_MFA,
    requiredDetails: [],
  },
  {
    number: 3,
    eligibility: 'not_valid',
    title: {
      en: 'MFA not implemented for user accounts used as service accounts',
      ja: 'サービスアカウントとして使用しているユーザーアカウントへの MFA が未導入',
    },
    situation: {
      en:
        'Some user accounts in the partner tenant are used as service accounts on devices. They are usually ' +
        'low-privilege and never need Partner Center or Microsoft Online Services portals to manage customer ' +
        'resources with delegated admin privileges.',
      ja:
        'パートナーテナントには、デバイス上でサービスアカウントとして使用しているユーザーアカウントがあります。' +
        '通常は権限の低いアカウントで、委任された管理者特権を使って顧客リソースを管理するためにパートナーセンターや ' +
        'Microsoft Online Services ポータルにアクセスすることはありません。',
    },
    guidance: UNAFFECTED_BY_CROSS_TENANT_MFA,
    requiredDetails: [],
  },
  {
    number: 4,
    eligibility: 'not_valid',
    title: {
      en: 'Cannot use the Microsoft Authenticator app',
      ja: 'Microsoft Authenticator アプリを使用できない',
    },
    situation: {
      en:
        'A "clean desk" policy forbids employees from bringing personal mobile devices into the work area, so ' +
        'they cannot install the Microsoft Authenticator app, the only MFA verification method the Azure AD ' +
        'baseline policy supports.',
      ja:
        '「クリーンデスク」ポリシーにより従業員が個人のモバイルデバイスを職場に持ち込めないため、' +
        'Azure AD ベースラインポリシーがサポートする唯一の MFA 検証方法である Microsoft Authenticator アプリをインストールできません。',
    },
    guidance: {
      en:
        'Consider alternatives that let employees keep completing MFA verification. The Azure AD baseline policy ' +
        'also works with compatible third-party authenticator apps, some of which run on Windows PCs. The partner ' +
        'can also sign up for Azure AD Premium or an Azure AD-compatible third-party MFA solution, which offer ' +
        'additional verification methods.',
      ja:
        '従業員が引き続き MFA の検証を完了できるよう、代替手段を検討してください。Azure AD ベースラインポリシーは' +
        '互換性のあるサードパーティ製の認証アプリでも利用でき、Windows PC で動作するものもあります。' +
        'また、Azure AD Premium や Azure AD と互換性のあるサードパーティの MFA ソリューションを導入すれば、' +
        'ほかの検証方法も利用できます。',
    },
    requiredDetails: [],
  },
  {
    number: 5,
    eligibility: 'not_valid',
    title: {
      en: 'Legacy authentication protocols prevent MFA',
      ja: 'レガシ認証プロトコルを使用しているため MFA を導入できない',
    },
    situation: {
      en:
        'Some partner agents still use legacy authentication protocols that are not compatible with MFA (for ' +
        'example Outlook 2010); turning MFA on for them would break those clients.',
      ja:
        '一部のパートナーエージェントが MFA に対応していないレガシ認証プロトコル (Outlook 2010 など) を使い続けており、' +
        'MFA を有効にするとそれらのクライアントが使えなくなります。',
    },
    guidance: {
      en:
        'Stop using legacy authentication protocols: they cannot be protected by MFA verification and are more ' +
        'exposed to credential compromise. If they cannot be avoided, consider Azure AD Premium, which supports ' +
        'app passwords: MFA can then be turned on for the users, with the legacy clients falling back to app passwords.',
      ja:
        'レガシ認証プロトコルは MFA の検証で保護できず、資格情報の侵害を受けやすいため、使用をやめることを強くお勧めします。' +
        'どうしても使用をやめられない場合は、アプリケーションパスワードをサポートする Azure AD Premium の導入を検討してください。' +
        'ユーザーに MFA を適用したうえで、レガシ認証プロトコルではアプリケーションパスワードを使用できます。',
    },
    requiredDetails: [],
  },
  {
    number: 6,
    eligibility: 'may_be_valid',
    title: {
      en: 'Exchange Online PowerShell does not support MFA',
      ja: 'MFA に対応していない Exchange Online PowerShell を使用している',
    },
    situation: {
      en:
        "The partner manages customers' Exchange Online through Exchange Online PowerShell with delegated admin " +
        'privileges. The module does not support MFA, so users with MFA turned on lose access to it.',
      ja:
        'パートナーは委任された管理者特権と Exchange Online PowerShell を使って、顧客に代わって Exchange Online を管理しています。' +
        'このモジュールは MFA に対応していないため、MFA を有効にしたユーザーは利用できなくなります。',
    },
    guidance: {
      en:
        'Until the new module supporting both delegated admin privileges and MFA is available, MFA cannot be turned ' +
        'on for users who need the existing Exchange Online PowerShell module. An exception may be requested when ' +
        "Azure AD's MFA requirement at cross-tenant sign-in blocks those users from other Microsoft Online Services; " +
        'name the users and the services they are blocked from. Note that these users can still complete MFA ' +
        'registration and verification when prompted at customer-tenant sign-in: registration does not turn MFA on, ' +
        'so their access to the module is unaffected.',
      ja:
        'パートナーの委任された管理者特権と MFA の両方に対応した新しいモジュールが提供されるまでは、既存の ' +
        'Exchange Online PowerShell モジュールを必要とするユーザーに MFA を適用できません。テナント間のサインイン時に ' +
        'MFA の検証を求める Azure AD の要件によって、これらのユーザーがほかの Microsoft Online Services にアクセスできない場合は、' +
        '対象のユーザーとアクセスできないサービスを明記したうえで、技術的な例外を要求できます。' +
        'なお、これらのユーザーも顧客テナントへのサインイン時に求められる MFA の登録と検証は完了でき、' +
        '登録しても MFA は自動的に有効にならないため、モジュールの利用には影響しません。',
    },
    requiredDetails: [
      {
        field: 'affectedUserIds',
        description: {
          en: 'The users who must keep using the existing Exchange Online PowerShell module.',
          ja: '既存の Exchange Online PowerShell モジュールを引き続き使用する必要があるユーザー。',
        },
      },
      {
        field: 'description',
        description: {
          en: 'Which other Microsoft Online Services the cross-tenant MFA requirement blocks these users from.',
          ja: 'テナント間サインイン時の MFA 要件により、これらのユーザーがアクセスできなくなるほかの Microsoft Online Services。',
        },
      },
    ],
  },
  {
    number: 7,
    eligibility: 'may_be_valid',
    title: {
      en: 'Third-party MFA not recognised by Azure AD',
      ja: 'サードパーティの MFA が Azure AD に認識されない',
    },
    situation: {
      en:
        'The partner has implemented MFA with a third-party MFA solution but cannot configure it to tell Azure AD ' +
        'that MFA verification was completed during user authentication.',
      ja:
        'パートナーはサードパーティの MFA ソリューションで MFA を導入していますが、ユーザー認証時に MFA の検証が完了したことを ' +
        'Azure AD に伝えるように構成できません。',
    },
    // The seed garbles the claim name ("authenticationmultipleauthn references"): it is the authentication
    // method references claim, with the value `multipleauthn`.
    guidance: {
      en:
        'Before filing, confirm with the third-party MFA provider that the solution cannot be configured to pass ' +
        'the authentication method references claim (value "multipleauthn") to Azure AD to show that MFA ' +
        'verification was completed. The request must name the third-party MFA solution and say how it is ' +
        'integrated: identity federation or Azure AD custom controls.',
      ja:
        '要求を送信する前に、MFA の検証が完了したことを示す認証方法参照 (authentication method references) 要求' +
        ' (値 "multipleauthn") を Azure AD に渡すように構成できないことを、サードパーティの MFA ソリューションの' +
        'プロバイダーに確認してください。要求には、使用しているサードパーティの MFA ソリューションと、その統合方法' +
        ' (ID フェデレーションまたは Azure AD カスタムコントロール) を記載する必要があります。',
    },
    requiredDetails: [
      {
        field: 'thirdPartyMfa.provider',
        description: {
          en: 'The name of the third-party MFA solution.',
          ja: '使用しているサードパーティの MFA ソリューションの名前。',
        },
      },
      {
        field: 'thirdPartyMfa.integrationMethod',
        description: {
          en: 'How the solution is integrated with Azure AD: identity_federation or custom_controls.',
          ja: 'Azure AD との統合方法 (identity_federation: ID フェデレーション、custom_controls: カスタムコントロール)。',
        },
      },
      {
        field: 'thirdPartyMfa.providerConfirmedClaimCannotFlow',
        description: {
          en:
            'Confirmation that the provider has checked the MFA claim (authentication method references) cannot ' +
            'be made to flow to Azure AD.',
          ja: 'MFA の要求 (認証方法参照) を Azure AD に渡せないことを、プロバイダーに確認済みであること。',
        },
      },
    ],
  },
];

// Object.freeze is shallow; the catalogue is shared by every request, so nothing may alter it in place.
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

export const KNOWN_ISSUES: readonly KnownIssue[] = deepFreeze(CATALOGUE);

export function findKnownIssue(n: number): KnownIssue | undefined {
  return KNOWN_ISSUES.find((issue) => issue.number === n);
}

/** A fresh, single-language copy: callers may serialise or adjust it without touching the catalogue. */
export function localizeKnownIssue(issue: KnownIssue, locale: Locale): KnownIssueView {
  return {
    number: issue.number,
    title: issue.title[locale],
    situation: issue.situation[locale],
    eligibility: issue.eligibility,
    guidance: issue.guidance[locale],
    requiredDetails: issue.requiredDetails.map((detail) => ({
      field: detail.field,
      description: detail.description[locale],
    })),
  };
}
