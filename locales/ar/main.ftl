site-title = Treffpunkt
site-tagline = فعاليات حول التدريب المهني (Ausbildung) والعمل
skip-link = الانتقال إلى المحتوى
lang-switch-label = اللغة
back-to-events = العودة إلى جميع الفعاليات

events-heading = الفعاليات
events-intro = لقاءات أصحاب الأعمال، وأيام إعلامية، وأمسيات لأولياء الأمور. التسجيل مجاني ولا يحتاج إلى حساب.
events-none = لا توجد حاليًا فعاليات مناسبة.
events-count = { $count ->
    [zero] لا توجد فعاليات
    [one] فعالية واحدة
    [two] فعاليتان
    [few] { $count } فعاليات
    [many] { $count } فعالية
   *[other] { $count } فعالية
}
filter-heading = تصفية الفعاليات
filter-kind = النوع
filter-audience = لمن
filter-language = اللغة
filter-city = المدينة
filter-point = مركز الخدمة
filter-any = الكل
filter-apply = تصفية
filter-reset = إلغاء التصفية

subscribe-heading = الاشتراك في التقويم
subscribe-intro = عندها تظهر هذه الفعاليات في تقويمكم وتبقى محدَّثة دائمًا.
subscribe-webcal = الاشتراك عبر تطبيق التقويم (Apple وOutlook وThunderbird)
subscribe-google = الاشتراك في تقويم Google
subscribe-outlook = الاشتراك في Outlook على الويب
subscribe-copy = أو يمكنكم نسخ هذا العنوان إلى تقويمكم

kind-roundtable = لقاء أصحاب الأعمال
kind-info_day = يوم إعلامي
kind-parents_evening = أمسية لأولياء الأمور
audience-employers = أصحاب العمل
audience-youth = الشباب
audience-parents = أولياء الأمور
audience-professionals = العمالة الماهرة

event-when = الموعد
event-where = المكان
event-online = عبر الإنترنت
event-online-link = رابط المشاركة عبر الإنترنت
event-languages = اللغات
event-for = الفئة المستهدفة
event-seats-left = { $seats ->
    [0] لم تعد هناك أماكن شاغرة
    [one] بقي مكان واحد شاغر
    [two] بقي مكانان شاغران
    [few] بقيت { $seats } أماكن شاغرة
    [many] بقي { $seats } مكانًا شاغرًا
   *[other] بقي { $seats } مكان شاغر
}
event-seats-unlimited = توجد أماكن شاغرة
event-waitlist-open = اكتمل العدد – يمكن التسجيل في قائمة الانتظار
event-full = اكتمل العدد
event-cancelled = ملغاة
event-calendar = إضافة إلى التقويم
event-details = التفاصيل
event-time-range = { $date }، من { $start } إلى { $end }

form-heading = التسجيل
form-errors-heading = { $count ->
    [zero] يرجى مراجعة البيانات:
    [one] يرجى تصحيح خطأ واحد:
    [two] يرجى تصحيح خطأين:
    [few] يرجى تصحيح { $count } أخطاء:
    [many] يرجى تصحيح { $count } خطأً:
   *[other] يرجى تصحيح { $count } خطأ:
}
form-name = الاسم
form-email = البريد الإلكتروني
form-email-hint = سنرسل إليكم التأكيد والتذكيرات على هذا العنوان.
form-phone = الهاتف
form-optional = (اختياري)
form-party-size = عدد الأشخاص
form-party-size-hint = العدد يشملكم أنتم أيضًا، والحد الأقصى { $max }.
form-language = لغة رسائل البريد الإلكتروني
form-interpreter = هل تحتاجون إلى مترجم؟
form-interpreter-none = لا، أفهم اللغة الألمانية
form-interpreter-other = لغة أخرى
form-needs = احتياجات خاصة
form-needs-hint = مثلًا: رعاية الأطفال أو سهولة الوصول لذوي الإعاقة.
form-consent = { $days ->
    [zero] أوافق على حفظ بياناتي لأجل هذه الفعالية. ستُحذف البيانات فور انتهاء الفعالية.
    [one] أوافق على حفظ بياناتي لأجل هذه الفعالية. ستُحذف البيانات بعد يوم واحد من الفعالية.
    [two] أوافق على حفظ بياناتي لأجل هذه الفعالية. ستُحذف البيانات بعد يومين من الفعالية.
    [few] أوافق على حفظ بياناتي لأجل هذه الفعالية. ستُحذف البيانات بعد { $days } أيام من الفعالية.
    [many] أوافق على حفظ بياناتي لأجل هذه الفعالية. ستُحذف البيانات بعد { $days } يومًا من الفعالية.
   *[other] أوافق على حفظ بياناتي لأجل هذه الفعالية. ستُحذف البيانات بعد { $days } يوم من الفعالية.
}
form-submit = التسجيل الآن
form-submit-waitlist = التسجيل في قائمة الانتظار

error-name-required = يرجى إدخال اسمكم.
error-name-too-long = الاسم طويل جدًا. الحد الأقصى لعدد الأحرف: { $max }.
error-name-control = يحتوي الاسم على رموز غير مسموح بها.
error-control-characters = يحتوي هذا الحقل على أحرف تحكم غير مسموح بها.
error-email-invalid = يرجى إدخال عنوان بريد إلكتروني صحيح، مثل name@example.org.
error-phone-invalid = يرجى إدخال رقم هاتف، مثل +49 221 123456.
error-party-size-range = يرجى اختيار عدد أشخاص من 1 إلى { $max }.
error-language-unknown = يرجى اختيار لغة من القائمة.
error-interpreter-unknown = يرجى اختيار لغة من القائمة.
error-needs-too-long = النص طويل جدًا، يرجى الاختصار. الحد الأقصى لعدد الأحرف: { $max }.
error-consent-required = يرجى الموافقة على حفظ البيانات، وإلا فلا يمكننا تسجيلكم.

conflict-event_cancelled = أُلغيت هذه الفعالية.
conflict-registration_closed = التسجيل مغلق.
conflict-registration_not_open = لم يبدأ التسجيل بعد.
conflict-event_full = نأسف، اكتمل العدد في هذه الفعالية.
conflict-registration_cancelled = هذا التسجيل لم يعد صالحًا.
registration-opens = موعد بدء التسجيل: { $date }.
registration-closes = آخر موعد للتسجيل: { $date }.

registered-heading = شكرًا جزيلًا!
registered-pending = { $hours ->
    [zero] يرجى فتح بريدكم الإلكتروني وتأكيد تسجيلكم فورًا. لا يصبح مكانكم مضمونًا إلا بعد التأكيد.
    [one] يرجى فتح بريدكم الإلكتروني وتأكيد تسجيلكم خلال ساعة واحدة. لا يصبح مكانكم مضمونًا إلا بعد التأكيد.
    [two] يرجى فتح بريدكم الإلكتروني وتأكيد تسجيلكم خلال ساعتين. لا يصبح مكانكم مضمونًا إلا بعد التأكيد.
    [few] يرجى فتح بريدكم الإلكتروني وتأكيد تسجيلكم خلال { $hours } ساعات. لا يصبح مكانكم مضمونًا إلا بعد التأكيد.
    [many] يرجى فتح بريدكم الإلكتروني وتأكيد تسجيلكم خلال { $hours } ساعة. لا يصبح مكانكم مضمونًا إلا بعد التأكيد.
   *[other] يرجى فتح بريدكم الإلكتروني وتأكيد تسجيلكم خلال { $hours } ساعة. لا يصبح مكانكم مضمونًا إلا بعد التأكيد.
}
registered-confirmed = تم تأكيد تسجيلكم. ستصلكم رسالة بريد إلكتروني فيها جميع التفاصيل.
registered-waitlisted = اكتمل العدد في هذه الفعالية. ترتيبكم في قائمة الانتظار: { $position }. إذا توفر مكان شاغر، سنراسلكم.
registered-already = أنتم مسجلون بالفعل بعنوان البريد الإلكتروني هذا. أرسلنا إليكم رابط تسجيلكم مرة أخرى.
registered-spam-hint = لم تصلكم رسالة؟ يرجى التحقق أيضًا من مجلد الرسائل غير المرغوب فيها (Spam).

manage-heading = تسجيلكم
manage-status = الحالة
manage-status-pending = لم يُؤكَّد بعد
manage-status-confirmed = مؤكَّد
manage-status-waitlisted = في قائمة الانتظار
manage-status-cancelled = تم إلغاء التسجيل
manage-pending-hint = يرجى تأكيد تسجيلكم في موعد أقصاه { $until }. وإلا سنعطي مكانكم لشخص آخر.
manage-confirm = تأكيد التسجيل
manage-position = ترتيبكم في قائمة الانتظار: { $position }.
manage-via-waitlist = أصبح هناك مكان شاغر – وهو الآن لكم.
manage-party = { $count ->
    [zero] لا أحد
    [one] شخص واحد
    [two] شخصان
    [few] { $count } أشخاص
    [many] { $count } شخصًا
   *[other] { $count } شخص
}
manage-cancel = إلغاء التسجيل
manage-give-back = التنازل عن المكان
manage-cancel-hint = لا تستطيعون الحضور؟ يرجى إلغاء التسجيل حتى يحصل شخص آخر على مكانكم.
manage-confirmed-now = شكرًا، تم تأكيد تسجيلكم.
manage-cancelled-now = تم إلغاء تسجيلكم. يؤسفنا أنكم لا تستطيعون الحضور.
manage-cancelled = انتهى هذا التسجيل.
manage-register-again = التسجيل مرة أخرى

page-not-found = هذه الصفحة غير موجودة. ربما يكون الرابط قديمًا أو غير مكتمل.
page-error = حدث خطأ ما. يرجى المحاولة مرة أخرى بعد قليل.
page-busy = هناك الآن طلبات كثيرة جدًا في الوقت نفسه. يرجى المحاولة مرة أخرى بعد لحظة – البيانات التي أدخلتموها ما زالت موجودة.
page-too-large = النص المُدخَل طويل جدًا.
page-bad-request = تعذّرت قراءة البيانات المُدخَلة.
page-forbidden = لم يصل هذا النموذج من صفحاتنا، لذلك لم يُقبَل. يرجى فتح الصفحة على موقعنا مباشرةً وإرساله من هناك.

page-rate-limited = طلبات كثيرة جدًا في وقت قصير. يرجى الانتظار دقيقة ثم المحاولة مرة أخرى.
form-honeypot = يرجى ترك هذا الحقل فارغًا
form-privacy-link = معلومات حماية البيانات

privacy-link = حماية البيانات
privacy-heading = معلومات حماية البيانات
privacy-intro = تُعالَج بياناتكم لدى { $office } فقط لغرض إتمام تسجيلكم في فعالية.
privacy-what-heading = ما البيانات التي نحفظها
privacy-what = اسمكم، وعنوان بريدكم الإلكتروني، ورقم هاتفكم إذا أدخلتموه، وعدد الأشخاص، ولغتكم، وهل تحتاجون إلى مترجم، وما تكتبونه لنا عن احتياجاتكم الخاصة.
privacy-why-heading = لماذا
privacy-why = نحتاج إلى هذه البيانات لحجز مكانكم، وإرسال التأكيد والتذكيرات إليكم، وتنظيم الترجمة، ومعرفة المسجَّلين عند المدخل. الأساس القانوني هو موافقتكم (المادة 6، الفقرة 1، البند أ من اللائحة العامة لحماية البيانات، GDPR).
privacy-how-long-heading = مدة الحفظ
privacy-how-long = { $days ->
    [zero] نحذف بياناتكم فور انتهاء الفعالية. لا يبقى بعد ذلك إلا أرقام بلا أسماء، مثل عدد الأشخاص الذين حضروا. ونبلغ هذه الأرقام إلى الجهة التي تموّلنا.
    [one] نحذف بياناتكم بعد يوم واحد من الفعالية. لا يبقى بعد ذلك إلا أرقام بلا أسماء، مثل عدد الأشخاص الذين حضروا. ونبلغ هذه الأرقام إلى الجهة التي تموّلنا.
    [two] نحذف بياناتكم بعد يومين من الفعالية. لا يبقى بعد ذلك إلا أرقام بلا أسماء، مثل عدد الأشخاص الذين حضروا. ونبلغ هذه الأرقام إلى الجهة التي تموّلنا.
    [few] نحذف بياناتكم بعد { $days } أيام من الفعالية. لا يبقى بعد ذلك إلا أرقام بلا أسماء، مثل عدد الأشخاص الذين حضروا. ونبلغ هذه الأرقام إلى الجهة التي تموّلنا.
    [many] نحذف بياناتكم بعد { $days } يومًا من الفعالية. لا يبقى بعد ذلك إلا أرقام بلا أسماء، مثل عدد الأشخاص الذين حضروا. ونبلغ هذه الأرقام إلى الجهة التي تموّلنا.
   *[other] نحذف بياناتكم بعد { $days } يوم من الفعالية. لا يبقى بعد ذلك إلا أرقام بلا أسماء، مثل عدد الأشخاص الذين حضروا. ونبلغ هذه الأرقام إلى الجهة التي تموّلنا.
}
privacy-rights-heading = حقوقكم
privacy-rights = من خلال الرابط الموجود في رسالة البريد الإلكتروني التي وصلتكم، يمكنكم في أي وقت تنزيل جميع البيانات المحفوظة، وإلغاء تسجيلكم، وحذف بياناتكم فورًا. ويمكنكم في أي وقت سحب موافقتكم وتقديم شكوى إلى هيئة رقابية لحماية البيانات.
privacy-no-tracking = لا تضع هذه الصفحات ملفات تعريف ارتباط (Cookies) إعلانية أو تحليلية، ولا تحمّل أي شيء من مزوّدين آخرين. يوجد ملف تعريف ارتباط واحد يحفظ اللغة التي اخترتموها فقط.

manage-data-heading = بياناتكم
manage-data-download = تنزيل جميع البيانات المحفوظة (JSON)
manage-erase-hint = يمكنكم إلغاء تسجيلكم وحذف بياناتكم فورًا. لا يمكن التراجع عن ذلك.
manage-erase = حذف بياناتي الآن
erased-heading = تم حذف بياناتكم
erased-text = ألغينا تسجيلكم وحذفنا اسمكم وعنوان بريدكم الإلكتروني وبياناتكم الأخرى. الرابط الموجود في رسالة البريد الإلكتروني لم يعد يعمل.

slots-heading = استشارة فردية
slots-event-hint = بعد التسجيل يمكنكم حجز موعد مع مستشار أو مستشارة من صفحة تسجيلكم (الرابط في البريد الإلكتروني).
slots-languages = اللغات
slots-none-free = جميع المواعيد محجوزة.
slots-none-left = لم يعد هناك مواعيد استشارة متاحة.
slots-limit-hint = يمكنكم حجز ما يصل إلى { $max } من مواعيد الاستشارة.
slots-limit-reached = لقد حجزتم أكبر عدد ممكن من المواعيد. يمكنكم إلغاء موعد أو تغييره.
slots-mine = مواعيد الاستشارة الخاصة بكم
slots-choose = المواعيد المتاحة
slots-book = احجز هذا الموعد
slots-give-back = إلغاء الموعد
slots-move-to = تغيير الموعد إلى
slots-move = تغيير
slots-booked-now = تم حجز موعد الاستشارة. أرسلنا إليكم تأكيدًا بالبريد الإلكتروني.
slots-given-back-now = لقد ألغيتم موعد الاستشارة.
slots-moved-now = تم تغيير موعد الاستشارة. أرسلنا إليكم تأكيدًا بالبريد الإلكتروني.
slots-gone = هذا الموعد لم يعد موجودًا. يرجى اختيار موعد آخر.
conflict-slot_taken = حجز شخص آخر هذا الموعد للتو. يرجى اختيار موعد آخر.
conflict-slot_past = هذا الموعد قد مضى.
conflict-registration_inactive = لا يمكن حجز مواعيد الاستشارة إلا لمن لديه مقعد.
error-slot-limit = يمكنكم حجز { $max } من مواعيد الاستشارة كحد أقصى.
error-slot-overlap = هذا الموعد يتداخل مع موعد حجزتموه من قبل.
error-slot-required = يرجى اختيار موعد.
series-further-dates = مواعيد أخرى

## شهادة الحضور (PDF) وإثبات الحضور المحفوظ
cert-title = شهادة حضور
cert-confirms = يشهد { $office } بأن
cert-took-part = قد حضر الفعالية التالية:
cert-date = بتاريخ { $date }
cert-time = من { $from } إلى { $until } ({ $duration })
cert-hours = { $time } ساعة
cert-place = المكان: { $place }
cert-translation = ترجمة. النسخة الألمانية في الصفحة التالية هي المعتمدة.
cert-place-date = المكان والتاريخ
cert-signature = التوقيع والختم
privacy-proof = إذا حضرت فعالية، نحتفظ بعدها فقط باسمك واسم الفعالية وتاريخها ووقت وصولك، كإثبات حضور للجهة التي تمولنا، لمدة { $years } سنوات؛ ثم نحذف ذلك أيضًا. يمكنك عبر الرابط في بريدك الإلكتروني تنزيل هذا السجل أو طلب حذفه.
privacy-proof-none = بعد الحذف لا نحتفظ بأي أسماء، ولا حتى بأسماء من حضروا.
kept-heading = إثبات حضورك
kept-text = تم حذف بيانات تسجيلك. نحتفظ فقط بما يثبت حضورك للجهة التي تمولنا: اسمك والفعالية وتاريخها، لمدة { $years } سنوات.
kept-erase-hint = يمكنك أيضاً طلب حذف هذا السجل فوراً. لا يمكن التراجع عن ذلك.
kept-erase = احذف السجل الآن
form-sms-reminders = التذكيرات والتغييرات عبر الرسائل القصيرة أيضًا
form-sms-reminders-hint = إلى رقم الهاتف أعلاه. أرسل STOP حتى لا تصلك رسائل بعد ذلك.
form-email-or-phone-hint = أو رقم جوال فقط: سيصلك رمز برسالة قصيرة.
error-phone-required-for-sms = نحتاج إلى رقم جوالك لإرسال الرسائل القصيرة.
registered-code = أرسلنا إليك رمزًا من ست خانات برسالة قصيرة. أدخله هنا خلال { $hours } ساعة. عندها فقط يكون مكانك مضمونًا.
form-code = الرمز من الرسالة
form-code-submit = تأكيد
error-code-wrong = الرمز غير صحيح. بقيت لديك { $left } محاولات.
registered-code-ended = أُدخل الرمز خطأً مرات كثيرة. انتهى التسجيل؛ يمكنك التسجيل من جديد.

# Event lists on partner websites
embed-heading = الفعاليات القادمة
embed-all-events = كل فعاليات { $office }
## Messages from staff on the manage page
manage-messages-heading = رسائل من الفريق

## Posters and flyers
poster-free = مجاناً، التسجيل مطلوب
poster-scan = امسح رمز QR للتسجيل
poster-more-dates = و{ $count } مواعيد أخرى
event-contact = للتواصل
# Event texts per language, and calendars in the reader's language
event-directions = كيفية الوصول
ics-cancelled = ملغاة
ics-slot-summary = استشارة: { $adviser } – { $title }
ics-slot-languages = اللغات: { $languages }
feed-all = الفعاليات
feed-kind-roundtable = لقاءات روّاد الأعمال
feed-kind-info_day = أيام المعلومات
feed-kind-parents_evening = أمسيات أولياء الأمور
feed-audience-employers = لأصحاب العمل
feed-audience-youth = للشباب
feed-audience-parents = لأولياء الأمور
feed-audience-professionals = للمهنيين
feed-language = اللغة { $language }

# Page titles that say what the page shows
page-title-errors = خطأ
page-not-found-heading = الصفحة غير موجودة
page-error-heading = لم تنجح العملية

# New-event alerts by email
alerts-link = احصل على رسالة بالبريد الإلكتروني عن الفعاليات الجديدة
alerts-heading = معرفة الفعاليات الجديدة
alerts-intro = نرسل إليك رسالة بالبريد الإلكتروني عند نشر فعاليات جديدة تناسب اختيارك – رسالة واحدة في اليوم على الأكثر.
alerts-email = عنوان البريد الإلكتروني
alerts-mail-language = لغة الرسائل
alerts-filters = أي فعاليات؟
alerts-consent = أوافق على حفظ عنوان بريدي الإلكتروني واختياري ولغة الرسائل حتى أوقف التنبيهات. إذا لم أؤكد العنوان، يُحذف بعد { $days } أيام.
alerts-submit = اطلب التنبيهات
alerts-sent-heading = يرجى التحقق من بريدك الوارد
alerts-sent-text = أرسلنا إليك رسالة فيها رابط. لن تصلك التنبيهات إلا بعد أن تؤكد عنوانك به.
alerts-manage-heading = تنبيهاتك عن الفعاليات الجديدة
alerts-unconfirmed = لم يتم تأكيد عنوانك بعد.
alerts-confirm = تأكيد العنوان
alerts-confirmed = تم تأكيد عنوانك. ستصلك الآن تنبيهات عن الفعاليات الجديدة.
alerts-save = حفظ الاختيار
alerts-saved = تم حفظ اختيارك.
alerts-unsubscribe-link = إيقاف هذه التنبيهات
alerts-unsubscribe-heading = إيقاف التنبيهات
alerts-unsubscribe-text = ألا تريد بعد الآن رسائل عن الفعاليات الجديدة؟ عندها سيُحذف عنوانك واختيارك.
alerts-unsubscribe-button = إيقاف التنبيهات
alerts-filters-link = تغيير الاختيار بدلًا من ذلك
alerts-unsubscribed-heading = تم الإيقاف
alerts-unsubscribed-text = لن تصلك تنبيهات بعد الآن. تم حذف عنوانك واختيارك.
error-alert-consent-required = يرجى الموافقة على الحفظ، وإلا لا يمكننا إرسال التنبيهات إليك.
error-alert-choice-unknown = يرجى الاختيار من القائمة.
privacy-alerts = إذا طلبت تنبيهات عن الفعاليات الجديدة، نحفظ عنوان بريدك الإلكتروني واختيارك ولغة الرسائل حتى توقفها بالرابط الموجود في كل رسالة. نحذف العنوان غير المؤكد بعد { $days } أيام.
error-alert-city-too-long = يجب ألا يزيد اسم المدينة عن { $max } حرفًا.
