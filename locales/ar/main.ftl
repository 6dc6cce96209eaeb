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
