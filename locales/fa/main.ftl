site-title = Treffpunkt
site-tagline = برنامه‌هایی در زمینهٔ آموزش حرفه‌ای (Ausbildung) و کار
skip-link = رفتن به محتوای اصلی
lang-switch-label = زبان
back-to-events = بازگشت به همهٔ برنامه‌ها

events-heading = برنامه‌ها
events-intro = نشست‌های صاحبان کسب‌وکار، روزهای اطلاع‌رسانی و جلسه‌های والدین. ثبت‌نام رایگان است و به حساب کاربری نیاز ندارد.
events-none = در حال حاضر برنامهٔ مناسبی وجود ندارد.
events-count = { $count ->
    [one] { $count } برنامه
   *[other] { $count } برنامه
}
filter-heading = فیلتر کردن برنامه‌ها
filter-kind = نوع
filter-audience = برای چه کسانی
filter-language = زبان
filter-city = شهر
filter-point = مرکز خدمات
filter-any = همه
filter-apply = اعمال فیلتر
filter-reset = حذف فیلترها

subscribe-heading = اشتراک در تقویم
subscribe-intro = با این کار، این برنامه‌ها در تقویم شما نمایش داده می‌شوند و همیشه به‌روز می‌مانند.
subscribe-webcal = اشتراک در نرم‌افزار تقویم (Apple، Outlook، Thunderbird)
subscribe-google = اشتراک در تقویم گوگل (Google Calendar)
subscribe-outlook = اشتراک در نسخهٔ وب Outlook
subscribe-copy = یا این آدرس را در تقویم خود کپی کنید

kind-roundtable = نشست صاحبان کسب‌وکار
kind-info_day = روز اطلاع‌رسانی
kind-parents_evening = جلسهٔ والدین
audience-employers = کارفرمایان
audience-youth = جوانان
audience-parents = والدین
audience-professionals = نیروهای متخصص

event-when = زمان
event-where = مکان
event-online = آنلاین
event-online-link = لینک شرکت آنلاین
event-languages = زبان‌ها
event-for = برای
event-seats-left = { $seats ->
    [0] جای خالی باقی نمانده است
    [one] فقط یک جای خالی باقی مانده است
   *[other] { $seats } جای خالی باقی مانده است
}
event-seats-unlimited = جای خالی موجود است
event-waitlist-open = ظرفیت تکمیل است – ثبت‌نام در فهرست انتظار ممکن است
event-full = ظرفیت تکمیل است
event-cancelled = لغو شد
event-calendar = افزودن به تقویم
event-details = جزئیات
event-time-range = { $date }، از ساعت { $start } تا { $end }

form-heading = ثبت‌نام
form-errors-heading = { $count ->
    [one] لطفاً { $count } خطا را اصلاح کنید:
   *[other] لطفاً { $count } خطا را اصلاح کنید:
}
form-name = نام
form-email = آدرس ایمیل
form-email-hint = تأییدیه و یادآوری‌ها را به این آدرس می‌فرستیم.
form-phone = تلفن
form-optional = (اختیاری)
form-party-size = تعداد افراد
form-party-size-hint = با احتساب خودتان، حداکثر { $max } نفر.
form-language = زبان ایمیل‌ها
form-interpreter = آیا به مترجم نیاز دارید؟
form-interpreter-none = نه، آلمانی را می‌فهمم
form-interpreter-other = زبان دیگر
form-needs = نیازهای ویژه
form-needs-hint = برای مثال نگهداری از کودکان یا دسترسی آسان برای افراد دارای معلولیت.
form-consent = موافقم که اطلاعاتم برای این برنامه ذخیره شود. این اطلاعات { $days } روز پس از برنامه پاک می‌شود.
form-submit = ثبت‌نام قطعی
form-submit-waitlist = ثبت‌نام در فهرست انتظار

error-name-required = لطفاً نام خود را وارد کنید.
error-name-too-long = نام حداکثر می‌تواند { $max } حرف داشته باشد.
error-name-control = نام دارای حروف یا نشانه‌های غیرمجاز است.
error-control-characters = این فیلد نویسه‌های کنترلی دارد که مجاز نیستند.
error-email-invalid = لطفاً یک آدرس ایمیل معتبر وارد کنید، برای مثال name@example.org.
error-phone-invalid = لطفاً شماره تلفن را وارد کنید، برای مثال +49 221 123456.
error-party-size-range = لطفاً بین 1 تا { $max } نفر انتخاب کنید.
error-language-unknown = لطفاً یک زبان از فهرست انتخاب کنید.
error-interpreter-unknown = لطفاً یک زبان از فهرست انتخاب کنید.
error-needs-too-long = لطفاً کوتاه‌تر بنویسید (حداکثر { $max } حرف).
error-consent-required = لطفاً با ذخیرهٔ اطلاعات موافقت کنید، وگرنه نمی‌توانیم شما را ثبت‌نام کنیم.

conflict-event_cancelled = این برنامه لغو شده است.
conflict-registration_closed = ثبت‌نام بسته شده است.
conflict-registration_not_open = ثبت‌نام هنوز شروع نشده است.
conflict-event_full = متأسفانه ظرفیت این برنامه تکمیل است.
conflict-registration_cancelled = این ثبت‌نام دیگر معتبر نیست.
registration-opens = ثبت‌نام از { $date } شروع می‌شود.
registration-closes = مهلت ثبت‌نام: تا { $date }.

registered-heading = بسیار سپاسگزاریم!
registered-pending = لطفاً ایمیل خود را بررسی کنید و ثبت‌نام‌تان را در مدت { $hours } ساعت تأیید کنید. فقط در این صورت جای شما قطعی می‌شود.
registered-confirmed = ثبت‌نام شما تأیید شد. ایمیلی با همهٔ جزئیات برایتان فرستاده می‌شود.
registered-waitlisted = ظرفیت این برنامه تکمیل است. شما نفر { $position } در فهرست انتظار هستید. اگر جایی خالی شود، به شما ایمیل می‌زنیم.
registered-already = شما قبلاً با این آدرس ایمیل ثبت‌نام کرده‌اید. لینک ثبت‌نام‌تان را دوباره برایتان فرستادیم.
registered-spam-hint = ایمیلی دریافت نکردید؟ لطفاً پوشهٔ اسپم (Spam) را هم بررسی کنید.

manage-heading = ثبت‌نام شما
manage-status = وضعیت
manage-status-pending = هنوز تأیید نشده
manage-status-confirmed = تأییدشده
manage-status-waitlisted = در فهرست انتظار
manage-status-cancelled = لغو شده
manage-pending-hint = لطفاً ثبت‌نام خود را تا { $until } تأیید کنید. در غیر این صورت، جای شما به فرد دیگری داده می‌شود.
manage-confirm = تأیید ثبت‌نام
manage-position = شما نفر { $position } در فهرست انتظار هستید.
manage-via-waitlist = یک جای خالی پیدا شد – این جای خالی اکنون متعلق به شماست.
manage-party = { $count ->
    [one] { $count } نفر
   *[other] { $count } نفر
}
manage-cancel = لغو ثبت‌نام
manage-give-back = واگذار کردن جای خود
manage-cancel-hint = نمی‌توانید بیایید؟ لطفاً ثبت‌نام خود را لغو کنید تا فرد دیگری بتواند جای شما را بگیرد.
manage-confirmed-now = متشکریم، ثبت‌نام شما تأیید شد.
manage-cancelled-now = ثبت‌نام شما لغو شد. متأسفیم که نمی‌توانید بیایید.
manage-cancelled = این ثبت‌نام به پایان رسیده است.
manage-register-again = ثبت‌نام دوباره

page-not-found = این صفحه وجود ندارد. شاید لینک قدیمی یا ناقص باشد.
page-error = مشکلی پیش آمد. لطفاً کمی بعد دوباره امتحان کنید.
page-busy = در حال حاضر درخواست‌های بسیار زیادی هم‌زمان رسیده است. لطفاً چند لحظه بعد دوباره امتحان کنید – اطلاعاتی که وارد کرده‌اید هنوز باقی است.
page-too-large = متن واردشده بیش از حد طولانی است.
page-bad-request = اطلاعات واردشده قابل خواندن نبود.
page-forbidden = این فرم از صفحه‌های خود ما نیامده است و به همین دلیل پذیرفته نشد. لطفاً صفحه را مستقیماً در سایت ما باز کنید و فرم را از همان‌جا بفرستید.

page-rate-limited = در مدت کوتاهی درخواست‌های خیلی زیادی رسیده است. لطفاً یک دقیقه صبر کنید و بعد دوباره امتحان کنید.
form-honeypot = لطفاً این فیلد را خالی بگذارید
form-privacy-link = اطلاعیهٔ حفاظت از داده‌ها

privacy-link = حفاظت از داده‌ها
privacy-heading = اطلاعیهٔ حفاظت از داده‌ها
privacy-intro = { $office } اطلاعات شما را فقط برای انجام ثبت‌نام‌تان در یک برنامه پردازش می‌کند.
privacy-what-heading = چه اطلاعاتی را ذخیره می‌کنیم
privacy-what = نام شما، آدرس ایمیل شما، شمارهٔ تلفن شما (اگر آن را وارد کرده باشید)، تعداد افراد، زبان شما، اینکه آیا به مترجم نیاز دارید، و آنچه دربارهٔ نیازهای ویژهٔ خود برای ما می‌نویسید.
privacy-why-heading = برای چه
privacy-why = ما به این اطلاعات نیاز داریم تا جای شما را رزرو کنیم، تأییدیه و یادآوری‌ها را برایتان بفرستیم، مترجم هماهنگ کنیم و هنگام ورود ببینیم چه کسانی ثبت‌نام کرده‌اند. مبنای قانونی، رضایت شماست (مادهٔ 6، بند 1، جزء الف مقررات عمومی حفاظت از داده‌ها، GDPR).
privacy-how-long-heading = تا چه مدت
privacy-how-long = ما اطلاعات شما را { $days } روز پس از برنامه پاک می‌کنیم. فقط آمار بدون نام باقی می‌ماند، مثلاً اینکه چند نفر آمده‌اند. این آمار را به نهادی که هزینه‌های ما را تأمین می‌کند گزارش می‌دهیم.
privacy-rights-heading = حقوق شما
privacy-rights = با لینکی که در ایمیل‌تان هست، می‌توانید هر زمان همهٔ اطلاعات ذخیره‌شده را دانلود کنید، ثبت‌نام خود را لغو کنید و داده‌هایتان را فوراً پاک کنید. همچنین می‌توانید هر زمان رضایت خود را پس بگیرید و به یک مرجع نظارت بر حفاظت از داده‌ها شکایت کنید.
privacy-no-tracking = این صفحه‌ها هیچ کوکی تبلیغاتی یا تحلیلی ذخیره نمی‌کنند و هیچ چیزی از ارائه‌دهندگان دیگر بارگیری نمی‌کنند. یک کوکی فقط زبانی را که انتخاب کرده‌اید به خاطر می‌سپارد.

manage-data-heading = داده‌های شما
manage-data-download = دانلود همهٔ اطلاعات ذخیره‌شده (JSON)
manage-erase-hint = می‌توانید ثبت‌نام خود را لغو کنید و اطلاعات‌تان را فوراً پاک کنید. این کار قابل بازگشت نیست.
manage-erase = پاک کردن فوری داده‌های من
erased-heading = داده‌های شما پاک شد
erased-text = ثبت‌نام شما را لغو کردیم و نام، آدرس ایمیل و دیگر اطلاعات شما را پاک کردیم. لینکی که در ایمیل‌تان بود دیگر کار نمی‌کند.

slots-heading = مشاوره فردی
slots-event-hint = پس از ثبت‌نام می‌توانید در صفحه ثبت‌نام خود (لینک در ایمیل) وقتی نزد یک مشاور رزرو کنید.
slots-languages = زبان‌ها
slots-none-free = همه وقت‌ها رزرو شده‌اند.
slots-none-left = دیگر وقت خالی برای مشاوره وجود ندارد.
slots-limit-hint = می‌توانید حداکثر { $max } وقت مشاوره رزرو کنید.
slots-limit-reached = شما بیشترین تعداد ممکن وقت را رزرو کرده‌اید. می‌توانید یک وقت را پس بدهید یا جابه‌جا کنید.
slots-mine = وقت‌های مشاوره شما
slots-choose = وقت‌های خالی
slots-book = رزرو این وقت
slots-give-back = پس دادن
slots-move-to = جابه‌جایی به
slots-move = جابه‌جا کردن
slots-booked-now = وقت مشاوره شما رزرو شد. تأییدیه را برایتان ایمیل کردیم.
slots-given-back-now = وقت مشاوره را پس دادید.
slots-moved-now = وقت مشاوره شما جابه‌جا شد. تأییدیه را برایتان ایمیل کردیم.
slots-gone = این وقت دیگر وجود ندارد. لطفاً وقت دیگری انتخاب کنید.
conflict-slot_taken = این وقت را همین الان شخص دیگری رزرو کرد. لطفاً وقت دیگری انتخاب کنید.
conflict-slot_past = این وقت گذشته است.
conflict-registration_inactive = فقط کسانی که جا دارند می‌توانند وقت مشاوره رزرو کنند.
error-slot-limit = حداکثر می‌توانید { $max } وقت مشاوره رزرو کنید.
error-slot-overlap = این وقت با وقتی که قبلاً رزرو کرده‌اید هم‌زمان است.
error-slot-required = لطفاً یک وقت انتخاب کنید.
series-further-dates = تاریخ‌های دیگر

## گواهی شرکت (PDF) و مدرک حضور نگه‌داشته‌شده
cert-title = گواهی شرکت
cert-confirms = { $office } گواهی می‌کند که
cert-took-part = در برنامهٔ زیر شرکت کرده است:
cert-date = در تاریخ { $date }
cert-time = از { $from } تا { $until } ({ $duration })
cert-hours = { $time } ساعت
cert-place = مکان: { $place }
cert-translation = ترجمه. نسخهٔ آلمانی در صفحهٔ بعد معتبر است.
cert-place-date = مکان، تاریخ
cert-signature = امضا، مهر
privacy-proof = اگر در برنامه‌ای شرکت کرده باشید، پس از آن فقط نام شما، نام برنامه، تاریخ آن و ساعت ورود شما را به‌عنوان مدرک حضور برای نهادی که هزینه‌های ما را تأمین می‌کند، به مدت { $years } سال نگه می‌داریم؛ سپس آن را هم پاک می‌کنیم. با لینک ایمیل خود می‌توانید این مدرک را دریافت کنید یا بخواهید پاک شود.
privacy-proof-none = پس از پاک‌کردن، هیچ نامی نگه نمی‌داریم، حتی نام کسانی که آمده‌اند.
kept-heading = مدرک حضور شما
kept-text = اطلاعات ثبت‌نام شما پاک شده است. به‌عنوان مدرک برای نهادی که هزینه‌های ما را تأمین می‌کند، فقط نگه می‌داریم که شما آمده‌اید: نام شما، برنامه و تاریخ آن، به مدت { $years } سال.
kept-erase-hint = می‌توانید این مدرک را هم همین حالا پاک کنید. این کار برگشت‌پذیر نیست.
kept-erase = همین حالا پاک کن
form-sms-reminders = یادآوری‌ها و تغییرات با پیامک هم
form-sms-reminders-hint = به شماره تلفن بالا. برای دریافت نکردن پیامک، STOP بفرستید.
form-email-or-phone-hint = یا فقط شماره موبایل: یک کد با پیامک دریافت می‌کنید.
error-phone-required-for-sms = برای پیامک به شماره موبایل شما نیاز داریم.
registered-code = یک کد شش‌رقمی با پیامک برایتان فرستادیم. آن را ظرف { $hours } ساعت اینجا وارد کنید. تنها در این صورت جای شما قطعی است.
form-code = کد پیامک
form-code-submit = تأیید
error-code-wrong = کد درست نیست. { $left } بار دیگر می‌توانید امتحان کنید.
registered-code-ended = کد چند بار اشتباه وارد شد. ثبت‌نام پایان یافت؛ می‌توانید دوباره ثبت‌نام کنید.

# Event lists on partner websites
embed-heading = برنامه‌های پیش رو
embed-all-events = همهٔ برنامه‌های { $office }
## Messages from staff on the manage page
manage-messages-heading = پیام‌های تیم

## Posters and flyers
poster-free = رایگان، ثبت‌نام لازم است
poster-scan = برای ثبت‌نام کد QR را اسکن کنید
poster-more-dates = و { $count } تاریخ دیگر
event-contact = تماس
# Event texts per language, and calendars in the reader's language
event-directions = نحوهٔ رسیدن
ics-cancelled = لغو شد
ics-slot-summary = مشاوره: { $adviser } – { $title }
ics-slot-languages = زبان‌ها: { $languages }
feed-all = رویدادها
feed-kind-roundtable = نشست‌های کارآفرینان
feed-kind-info_day = روزهای اطلاع‌رسانی
feed-kind-parents_evening = نشست‌های والدین
feed-audience-employers = برای کارفرمایان
feed-audience-youth = برای جوانان
feed-audience-parents = برای والدین
feed-audience-professionals = برای متخصصان
feed-language = زبان { $language }

# Page titles that say what the page shows
page-title-errors = خطا
page-not-found-heading = صفحه پیدا نشد
page-error-heading = این کار انجام نشد

# New-event alerts by email
alerts-link = دریافت ایمیل دربارهٔ رویدادهای جدید
alerts-heading = باخبر شدن از رویدادهای جدید
alerts-intro = وقتی رویدادهای جدیدی منتشر شوند که با انتخاب شما جور باشند، برایتان ایمیل می‌فرستیم – حداکثر یکی در روز.
alerts-email = نشانی ایمیل
alerts-mail-language = زبان ایمیل‌ها
alerts-filters = کدام رویدادها؟
alerts-consent = موافقم که نشانی ایمیل، انتخاب من و زبان ایمیل‌ها تا زمانی که اطلاع‌رسانی را لغو کنم ذخیره شوند. اگر نشانی را تأیید نکنم، پس از { $days } روز پاک می‌شود.
alerts-submit = درخواست اطلاع‌رسانی
alerts-sent-heading = لطفاً صندوق ایمیل خود را ببینید
alerts-sent-text = ایمیلی با یک پیوند برایتان فرستادیم. تنها پس از آنکه نشانی خود را با آن تأیید کنید، اطلاع‌رسانی دریافت می‌کنید.
alerts-manage-heading = اطلاع‌رسانی‌های شما دربارهٔ رویدادهای جدید
alerts-unconfirmed = نشانی شما هنوز تأیید نشده است.
alerts-confirm = تأیید نشانی
alerts-confirmed = نشانی شما تأیید شد. از این پس دربارهٔ رویدادهای جدید اطلاع‌رسانی دریافت می‌کنید.
alerts-save = ذخیرهٔ انتخاب
alerts-saved = انتخاب شما ذخیره شد.
alerts-unsubscribe-link = دیگر اطلاع‌رسانی نمی‌خواهم
alerts-unsubscribe-heading = لغو اطلاع‌رسانی
alerts-unsubscribe-text = دیگر ایمیلی دربارهٔ رویدادهای جدید نمی‌خواهید؟ در این صورت نشانی و انتخاب شما پاک می‌شوند.
alerts-unsubscribe-button = لغو اطلاع‌رسانی
alerts-filters-link = به جای آن انتخاب را تغییر دهید
alerts-unsubscribed-heading = لغو شد
alerts-unsubscribed-text = دیگر اطلاع‌رسانی دریافت نمی‌کنید. نشانی و انتخاب شما پاک شدند.
error-alert-consent-required = لطفاً با ذخیره‌سازی موافقت کنید، وگرنه نمی‌توانیم برایتان اطلاع‌رسانی بفرستیم.
error-alert-choice-unknown = لطفاً از فهرست انتخاب کنید.
privacy-alerts = اگر اطلاع‌رسانی رویدادهای جدید را درخواست کنید، نشانی ایمیل، انتخاب شما و زبان ایمیل‌ها را ذخیره می‌کنیم تا زمانی که آن را با پیوند موجود در هر ایمیل لغو کنید. نشانی تأییدنشده را پس از { $days } روز پاک می‌کنیم.
error-alert-city-too-long = نام شهر حداکثر می‌تواند { $max } نویسه باشد.
